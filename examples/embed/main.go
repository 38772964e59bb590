// Command embed shows metajit used as a library: it runs a Python-subset program held in a
// Go string, with arguments, and reads back its output and its error.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/metajit/metajit/interp"
)

const program = `
import sys

def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

limit = int(sys.argv[1])
best = 0
for k in range(1, limit):
    s = collatz_steps(k)
    if s > best:
        best = s
print("longest chain below", limit, "has", best, "steps")
print(1 // (limit - limit))
`

func main() {
	var stdout, stderr bytes.Buffer
	status := interp.Run("collatz.py", program, interp.Options{
		Stdout: &stdout,
		Stderr: &stderr,
		Args:   []string{"10000"},
		JIT:    interp.JITOptions{Enabled: true},
	})
	fmt.Printf("exit status: %d\n", status)
	fmt.Printf("output:\n%s", stdout.String())
	fmt.Printf("error:\n%s", stderr.String())
	if status != 1 {
		os.Exit(1) // the program above ends with a ZeroDivisionError on purpose
	}
}
