//go:build amd64 && unix

package native

import (
	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/amd64"
)

// New returns the native backend: amd64 on this machine.
func New() backend.Backend { return amd64.New() }
