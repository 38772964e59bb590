package interp_test

import (
	"bytes"
	"fmt"

	"github.com/metajit/metajit/interp"
)

// Run a program given as a string, with arguments, and read its output and its error.
func ExampleRun() {
	src := `
import sys
total = 0
for i in range(int(sys.argv[1])):
    total += i * i
print(total)
print(undefined_name)
`
	var stdout, stderr bytes.Buffer
	status := interp.Run("squares.py", src, interp.Options{
		Stdout: &stdout, Stderr: &stderr, Args: []string{"1000"},
		JIT: interp.JITOptions{Enabled: true},
	})
	fmt.Print(stdout.String())
	fmt.Print(stderr.String())
	fmt.Println("status", status)
	// Output:
	// 332833500
	// Traceback (most recent call last):
	//   File "squares.py", line 7, in <module>
	//     print(undefined_name)
	// NameError: name 'undefined_name' is not defined
	// status 1
}
