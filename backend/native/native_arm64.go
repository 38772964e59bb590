//go:build arm64 && linux

package native

import (
	"github.com/metajit/metajit/backend"
	"github.com/metajit/metajit/backend/arm64"
)

// New returns the native backend: arm64 on this machine.
func New() backend.Backend { return arm64.New() }
