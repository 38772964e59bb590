package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/metajit/metajit/bench"
)

// Colors of the engines' bars, by engine key; others get grey.
var engineColors = map[string]string{
	"metajit-off": "#9ecae1",
	"metajit":     "#3182bd",
	"cpython":     "#fdae6b",
	"pypy":        "#e6550d",
	"luajit":      "#74c476",
	"go":          "#756bb1",
}

// chart draws the results as a hand-written SVG: one group of horizontal
// bars per workload, one bar per engine, ns per unit on a log scale.
func chart(engines []Engine, workloads []bench.Workload, results map[string]map[string]*Cell) string {
	const (
		width    = 900
		left     = 150 // workload labels
		right    = 110 // room for value labels
		top      = 70  // title and legend
		barH     = 14
		barGap   = 3
		groupGap = 18
		bottom   = 40 // axis labels
	)
	// The log scale spans whole decades around the values.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, w := range workloads {
		for _, e := range engines {
			if c := results[w.Name][e.Key]; c.NA == "" && c.Ns > 0 {
				lo, hi = math.Min(lo, c.Ns), math.Max(hi, c.Ns)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 1, 1000
	}
	dLo, dHi := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if dHi <= dLo {
		dHi = dLo + 1
	}
	plotW := float64(width - left - right)
	x := func(ns float64) float64 {
		return left + (math.Log10(ns)-dLo)/(dHi-dLo)*plotW
	}
	groupH := len(engines)*(barH+barGap) - barGap
	plotH := len(workloads)*(groupH+groupGap) - groupGap
	height := top + plotH + bottom

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="20" font-size="15" font-weight="bold">metajit benchmarks: steady-state ns per unit (log scale, shorter is faster)</text>`+"\n", left)

	// Legend.
	lx := float64(left)
	for _, e := range engines {
		fmt.Fprintf(&b, `<rect x="%.1f" y="34" width="12" height="12" fill="%s"/>`+"\n", lx, color(e.Key))
		fmt.Fprintf(&b, `<text x="%.1f" y="44">%s</text>`+"\n", lx+16, esc(e.Name))
		lx += 16 + 7*float64(len(e.Name)) + 18
	}

	// Decade grid lines and labels.
	for d := dLo; d <= dHi; d++ {
		gx := x(math.Pow(10, d))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>`+"\n", gx, top-6, gx, top+plotH)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", gx, top+plotH+16, decadeLabel(d))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">time per unit</text>`+"\n", left+plotW/2, top+plotH+32)

	// Bars.
	y := top
	for _, w := range workloads {
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12" font-weight="bold">%s</text>`+"\n",
			left-8, y+groupH/2, esc(w.Name))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#555">per %s</text>`+"\n",
			left-8, y+groupH/2+14, esc(w.Unit))
		for _, e := range engines {
			c := results[w.Name][e.Key]
			ty := y + barH - 3
			if c.NA != "" || c.Ns <= 0 {
				fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#888">%s: n/a (%s)</text>`+"\n", left+4, ty, esc(e.Name), esc(c.NA))
			} else {
				bx := x(c.Ns)
				stroke := ""
				label := fmtNs(c.Ns) + " ns"
				if c.Mismatch != "" {
					stroke = ` stroke="red" stroke-width="2"`
					label += " OUTPUT MISMATCH"
				}
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"%s><title>%s</title></rect>`+"\n",
					left, y, math.Max(bx-left, 1), barH, color(e.Key), stroke, esc(e.Name+": "+label))
				fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", math.Max(bx, left)+4, ty, esc(label))
			}
			y += barH + barGap
		}
		y += groupGap - barGap
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func color(key string) string {
	if c, ok := engineColors[key]; ok {
		return c
	}
	return "#999"
}

func decadeLabel(d float64) string {
	switch {
	case d < 0:
		return fmt.Sprintf("%g ns", math.Pow(10, d))
	case d < 3:
		return fmt.Sprintf("%.0f ns", math.Pow(10, d))
	case d < 6:
		return fmt.Sprintf("%.0f µs", math.Pow(10, d-3))
	default:
		return fmt.Sprintf("%.0f ms", math.Pow(10, d-6))
	}
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
