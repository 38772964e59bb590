//go:build !((amd64 && unix) || (arm64 && linux))

package native

import (
	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/irexec"
)

// New returns the native backend: irexec on this machine, which has no native backend yet.
func New() backend.Backend { return irexec.New() }
