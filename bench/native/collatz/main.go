// Command collatz is the native Go twin of bench/workloads/collatz.py:
// the same algorithm and the same output, as a baseline for the JITs.
//
// Usage: go run ./bench/native/collatz N REPS
package main

import (
	"fmt"
	"os"
	"strconv"
)

//go:noinline
func collatzSteps(limit int) int {
	total := 0
	for k := 1; k <= limit; k++ {
		n := k
		for n != 1 {
			if n%2 == 0 {
				n = n / 2
			} else {
				n = 3*n + 1
			}
			total++
		}
	}
	return total
}

func main() {
	limit, reps := args()
	steps := 0
	for r := 0; r < reps; r++ {
		steps = collatzSteps(limit)
	}
	fmt.Println(steps)
}

func args() (int, int) {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: collatz N REPS")
		os.Exit(2)
	}
	n, err1 := strconv.Atoi(os.Args[1])
	reps, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "usage: collatz N REPS")
		os.Exit(2)
	}
	return n, reps
}
