// Command nbody is the native Go twin of bench/workloads/nbody.py: the
// same algorithm and the same output, as a baseline for the JITs. Each
// body is a slice {x, y, z, vx, vy, vz, mass}, like the Python lists.
//
// The float64(...) conversions around products keep Go from fusing
// a*b+c into one FMA instruction (which it may do on arm64), so every
// result is rounded exactly as in Python and the checksums agree. The
// constants are variables so that they are computed in float64 at run
// time like Python does, not exactly at compile time.
//
// Usage: go run ./bench/native/nbody N REPS
package main

import (
	"fmt"
	"math"
	"os"
	"strconv"
)

var (
	pi          = 3.141592653589793
	solarMass   = 4.0 * pi * pi
	daysPerYear = 365.24
)

func makeBodies() [][]float64 {
	sun := []float64{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solarMass}
	jupiter := []float64{
		4.84143144246472090e+00,
		-1.16032004402742839e+00,
		-1.03622044471123109e-01,
		1.66007664274403694e-03 * daysPerYear,
		7.69901118419740425e-03 * daysPerYear,
		-6.90460016972063023e-05 * daysPerYear,
		9.54791938424326609e-04 * solarMass,
	}
	saturn := []float64{
		8.34336671824457987e+00,
		4.12479856412430479e+00,
		-4.03523417114321381e-01,
		-2.76742510726862411e-03 * daysPerYear,
		4.99852801234917238e-03 * daysPerYear,
		2.30417297573763929e-05 * daysPerYear,
		2.85885980666130812e-04 * solarMass,
	}
	uranus := []float64{
		1.28943695621391310e+01,
		-1.51111514016986312e+01,
		-2.23307578892655734e-01,
		2.96460137564761618e-03 * daysPerYear,
		2.37847173959480950e-03 * daysPerYear,
		-2.96589568540237556e-05 * daysPerYear,
		4.36624404335156298e-05 * solarMass,
	}
	neptune := []float64{
		1.53796971148509165e+01,
		-2.59193146099879641e+01,
		1.79258772950371181e-01,
		2.68067772490389322e-03 * daysPerYear,
		1.62824170038242295e-03 * daysPerYear,
		-9.51592254519715870e-05 * daysPerYear,
		5.15138902046611451e-05 * solarMass,
	}
	return [][]float64{sun, jupiter, saturn, uranus, neptune}
}

func offsetMomentum(bodies [][]float64) {
	px, py, pz := 0.0, 0.0, 0.0
	for _, b := range bodies {
		m := b[6]
		px += float64(b[3] * m)
		py += float64(b[4] * m)
		pz += float64(b[5] * m)
	}
	sun := bodies[0]
	sun[3] = -px / solarMass
	sun[4] = -py / solarMass
	sun[5] = -pz / solarMass
}

func energy(bodies [][]float64) float64 {
	e := 0.0
	nb := len(bodies)
	for i := 0; i < nb; i++ {
		b := bodies[i]
		e += float64(0.5 * b[6] * (float64(b[3]*b[3]) + float64(b[4]*b[4]) + float64(b[5]*b[5])))
		for j := i + 1; j < nb; j++ {
			b2 := bodies[j]
			dx := b[0] - b2[0]
			dy := b[1] - b2[1]
			dz := b[2] - b2[2]
			e -= (b[6] * b2[6]) / math.Sqrt(float64(dx*dx)+float64(dy*dy)+float64(dz*dz))
		}
	}
	return e
}

//go:noinline
func advance(bodies [][]float64, dt float64) {
	nb := len(bodies)
	for i := 0; i < nb; i++ {
		b := bodies[i]
		for j := i + 1; j < nb; j++ {
			b2 := bodies[j]
			dx := b[0] - b2[0]
			dy := b[1] - b2[1]
			dz := b[2] - b2[2]
			d2 := float64(dx*dx) + float64(dy*dy) + float64(dz*dz)
			mag := dt / float64(d2*math.Sqrt(d2))
			bm := b[6] * mag
			b2m := b2[6] * mag
			b[3] -= float64(dx * b2m)
			b[4] -= float64(dy * b2m)
			b[5] -= float64(dz * b2m)
			b2[3] += float64(dx * bm)
			b2[4] += float64(dy * bm)
			b2[5] += float64(dz * bm)
		}
	}
	for _, b := range bodies {
		b[0] += float64(dt * b[3])
		b[1] += float64(dt * b[4])
		b[2] += float64(dt * b[5])
	}
}

func main() {
	n, reps := args()
	e0, e1 := 0.0, 0.0
	for r := 0; r < reps; r++ {
		bodies := makeBodies()
		offsetMomentum(bodies)
		e0 = energy(bodies)
		for step := 0; step < n; step++ {
			advance(bodies, 0.01)
		}
		e1 = energy(bodies)
	}
	fmt.Println(int64(e0 * 1000000000.0))
	fmt.Println(int64(e1 * 1000000000.0))
}

func args() (int, int) {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: nbody N REPS")
		os.Exit(2)
	}
	n, err1 := strconv.Atoi(os.Args[1])
	reps, err2 := strconv.Atoi(os.Args[2])
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "usage: nbody N REPS")
		os.Exit(2)
	}
	return n, reps
}
