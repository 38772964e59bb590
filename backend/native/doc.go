// Package native chooses metajit's backend for the machine it runs on: the amd64 backend on
// amd64 (unix), the arm64 backend on linux/arm64, and irexec (the portable IR executor)
// everywhere else. The choice is made at build time, with build constraints, so that the
// binary contains only the backend it uses.
package native
