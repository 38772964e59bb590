// Package amd64 is metajit's native backend for x86-64: it compiles a trace to machine code
// and runs it through a small assembly trampoline.
package amd64
