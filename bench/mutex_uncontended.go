// mutex_uncontended: the cost of one uncontended sync.Mutex Lock+Unlock pair
// (the goal: within 3x of compiled Go). Run it under go and gsl:
//   go run bench/mutex_uncontended.go;  ./gsl bench/mutex_uncontended.go
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	n := 0
	const N = 5000000
	start := time.Now()
	for i := 0; i < N; i++ {
		mu.Lock()
		n++
		mu.Unlock()
	}
	el := time.Since(start)
	fmt.Println(n)
	// empty loop with the same increment, to subtract the loop's own cost
	start = time.Now()
	m := 0
	for i := 0; i < N; i++ {
		m++
	}
	base := time.Since(start)
	fmt.Printf("lock+unlock: %.1f ns (loop %.1f ns)\n", float64(el-base)/N, float64(base)/N)
}
