// Package native chooses metajit's backend for the machine it runs on: the amd64 backend on
// amd64, and irexec (the portable IR executor) on every other architecture until their native
// backends exist. The choice is made at build time, with build constraints, so that the
// binary contains only the backend it uses.
package native
