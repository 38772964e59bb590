// Command sum_list is the native Go twin of bench/workloads/sum_list.py:
// the same algorithm and the same output, as a baseline for the JITs.
//
// Usage: go run ./bench/native/sum_list N REPS
package main

import (
	"fmt"
	"os"
	"strconv"
)

func build(n int) []int {
	var xs []int
	for i := 0; i < n; i++ {
		xs = append(xs, i)
	}
	return xs
}

//go:noinline
func sumList(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func main() {
	n, reps := args()
	xs := build(n)
	result := 0
	for r := 0; r < reps; r++ {
		result = sumList(xs)
	}
	fmt.Println(result)
}

func args() (int, int) {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sum_list N REPS")
		os.Exit(2)
	}
	n, err1 := strconv.Atoi(os.Args[1])
	reps, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "usage: sum_list N REPS")
		os.Exit(2)
	}
	return n, reps
}
