//go:build unix

package codemem

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/metajit/metajit/backend"
)

// DefaultLimit is the cap on code memory that New uses when given a limit <= 0.
const DefaultLimit = 128 << 20

// ErrFull is returned by Alloc when a block would take the Memory past its limit. It is
// backend.ErrCodeMemoryFull, which the JIT driver answers by flushing its traces.
var ErrFull = backend.ErrCodeMemoryFull

// Memory is a pool of executable blocks with a cap on the bytes it maps. It is safe for use
// by several goroutines.
type Memory struct {
	mu     sync.Mutex
	limit  int
	used   int
	blocks map[*Block]struct{}
}

// New returns a Memory that maps at most limit bytes (DefaultLimit when limit <= 0).
func New(limit int) *Memory {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Memory{limit: limit, blocks: map[*Block]struct{}{}}
}

// Block is one piece of executable code: a private anonymous mapping holding the code at
// its start, read-execute once Alloc returns.
type Block struct {
	m     *Memory
	mem   []byte // the whole mapping, whole pages
	size  int    // bytes of code
	freed bool
}

var pageSize = os.Getpagesize()

// Alloc maps a new block, copies code into it and makes it read-execute. The rest of the
// last page is filled with fill (for example an instruction that traps, 0xCC on amd64).
func (m *Memory) Alloc(code []byte, fill byte) (*Block, error) {
	if len(code) == 0 {
		return nil, errors.New("codemem: empty code")
	}
	n := (len(code) + pageSize - 1) &^ (pageSize - 1)
	m.mu.Lock()
	if m.used+n > m.limit {
		m.mu.Unlock()
		return nil, fmt.Errorf("%w (%d of %d bytes in use, %d more asked)", ErrFull, m.used, m.limit, n)
	}
	m.used += n // reserve before mapping, so concurrent Allocs cannot overshoot
	m.mu.Unlock()

	mem, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		m.release(n)
		return nil, fmt.Errorf("codemem: mmap: %w", err)
	}
	copy(mem, code)
	for i := len(code); i < n; i++ {
		mem[i] = fill
	}
	if err := unix.Mprotect(mem, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		unix.Munmap(mem)
		m.release(n)
		return nil, fmt.Errorf("codemem: mprotect read-execute: %w", err)
	}
	b := &Block{m: m, mem: mem, size: len(code)}
	m.mu.Lock()
	m.blocks[b] = struct{}{}
	m.mu.Unlock()
	return b, nil
}

func (m *Memory) release(n int) {
	m.mu.Lock()
	m.used -= n
	m.mu.Unlock()
}

// Used returns the bytes currently mapped (whole pages).
func (m *Memory) Used() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.used
}

// Limit returns the cap on mapped bytes.
func (m *Memory) Limit() int { return m.limit }

// Flush frees every block of the Memory. The caller must make sure that no code in them
// runs or will run again (the backends flush only when no compiled loop is in use).
func (m *Memory) Flush() {
	m.mu.Lock()
	blocks := make([]*Block, 0, len(m.blocks))
	for b := range m.blocks {
		blocks = append(blocks, b)
	}
	m.mu.Unlock()
	for _, b := range blocks {
		b.Free()
	}
}

// Addr returns the address of the first byte of code.
func (b *Block) Addr() uintptr { return uintptr(unsafe.Pointer(&b.mem[0])) }

// Size returns the size of the code in bytes (without the padding to a whole page).
func (b *Block) Size() int { return b.size }

// Code returns the code, for disassembly. The slice is read-only memory: writing to it
// faults.
func (b *Block) Code() []byte { return b.mem[:b.size:b.size] }

// Patch overwrites code at offset off with data: the block is made read-write, written and
// made read-execute again (never both at once). No goroutine may be running the block's code
// while it is patched, since it is not executable in between.
func (b *Block) Patch(off int, data []byte) error {
	if b.freed {
		return errors.New("codemem: patch of a freed block")
	}
	if off < 0 || off+len(data) > b.size {
		return fmt.Errorf("codemem: patch of [%d, %d) outside the %d bytes of code", off, off+len(data), b.size)
	}
	if err := unix.Mprotect(b.mem, unix.PROT_READ|unix.PROT_WRITE); err != nil {
		return fmt.Errorf("codemem: mprotect read-write: %w", err)
	}
	copy(b.mem[off:], data)
	if err := unix.Mprotect(b.mem, unix.PROT_READ|unix.PROT_EXEC); err != nil {
		return fmt.Errorf("codemem: mprotect read-execute: %w", err)
	}
	return nil
}

// Free unmaps the block and gives its bytes back to the Memory. It is idempotent. The caller
// must make sure its code never runs again.
func (b *Block) Free() error {
	m := b.m
	m.mu.Lock()
	if b.freed {
		m.mu.Unlock()
		return nil
	}
	b.freed = true
	delete(m.blocks, b)
	m.used -= len(b.mem)
	m.mu.Unlock()
	return unix.Munmap(b.mem)
}
