// Command distance is the native Go twin of bench/workloads/distance.py:
// the same algorithm and the same output, as a baseline for the JITs.
// Points are two-field structs, the Go counterpart of Python's tuples
// (structs, unlike arrays, are passed in registers).
//
// Usage: go run ./bench/native/distance N REPS
package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

type point struct{ x, y float64 }

//go:noinline
func sub(p, q point) point {
	return point{p.x - q.x, p.y - q.y}
}

//go:noinline
func distance(p, q point) float64 {
	d := sub(q, p)
	// The float64 conversions keep Go from fusing a*b+c into one FMA
	// instruction (which it may do on arm64), so that the result is
	// rounded exactly as in Python.
	return math.Sqrt(float64(d.x*d.x) + float64(d.y*d.y))
}

func run(n int) float64 {
	total := 0.0
	for i := 0; i < n; i++ {
		t := float64(i%1000) * 0.001
		p := point{t, 1.0 - t}
		q := point{1.0 + t, t * 0.5}
		total += distance(p, q)
	}
	return total
}

func main() {
	n, reps := args()
	total := 0.0
	for r := 0; r < reps; r++ {
		total = run(n)
	}
	fmt.Println(int64(total * 1000.0))
}

func args() (int, int) {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: distance N REPS")
		os.Exit(2)
	}
	n, err1 := strconv.Atoi(os.Args[1])
	reps, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "usage: distance N REPS")
		os.Exit(2)
	}
	return n, reps
}
