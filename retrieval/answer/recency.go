package answer

import (
	"regexp"
	"strconv"

	"github.com/careerbot/careerbot/retrieval"
)

// yearPattern matches a year of the figures the corpus reports.
var yearPattern = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)

// yearsOf returns the years a sentence states, in order.
func yearsOf(sentence string) []int {
	var out []int
	for _, m := range yearPattern.FindAllString(sentence, -1) {
		v, _ := strconv.Atoi(m)
		out = append(out, v)
	}
	return out
}

// figureYear is the latest of a sentence's years that is not after limit (the
// passage's as-of year): the year its figures describe, not the end of a projection
// period ("from 2024 to 2034" describes 2024). 0 when there is none.
func figureYear(years []int, limit int) int {
	y := 0
	for _, v := range years {
		if v <= limit && v > y {
			y = v
		}
	}
	return y
}

// asOfYear is the year of a hit's YYYY-MM as-of date, or 9999 when it has none.
func asOfYear(h retrieval.Hit) int {
	if len(h.AsOf) >= 4 {
		if y, err := strconv.Atoi(h.AsOf[:4]); err == nil {
			return y
		}
	}
	return 9999
}

// preferRecent scales down the sentences whose figures are older than the latest
// figures the candidates give: for a sentence naming question entities, the latest
// given for those entities, else the latest given at all (see [staleStep]).
func preferRecent(qe []retrieval.Entity, hits []retrieval.Hit, cs []candidate) {
	years := make([]int, len(cs))
	latest := map[string]int{}
	overall := 0
	for i, c := range cs {
		if c.score <= 0 || !c.figure {
			continue
		}
		y := figureYear(c.years, asOfYear(hits[c.hit]))
		years[i] = y
		overall = max(overall, y)
		for _, e := range c.ents {
			latest[e.Name] = max(latest[e.Name], y)
		}
	}
	for i := range cs {
		y := years[i]
		if y == 0 {
			continue
		}
		ref := 0
		for _, e := range cs[i].ents {
			for _, q := range qe {
				if q == e {
					ref = max(ref, latest[e.Name])
				}
			}
		}
		if ref == 0 {
			ref = overall
		}
		if ref > y {
			cs[i].score *= max(staleFloor, 1-staleStep*float64(ref-y))
		}
	}
}
