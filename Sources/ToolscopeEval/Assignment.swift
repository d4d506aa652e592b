/// Minimum-cost assignment of rows to columns (the Hungarian algorithm, O(n³)).
///
/// Expected calls are rows, actual calls columns. Matching them first-fit (each expectation
/// takes the first call that fits) misscores overlapping expectations: with "city is Paris or
/// London" and "city is Paris" against calls for Paris and London, first-fit gives Paris to the
/// first and fails the second. The optimal assignment pairs them so both match.
public enum Assignment {
    /// For each row, the column assigned to it, or nil when the matrix has more rows than
    /// columns and the row was left over. `cost[r][c]` must be finite and non-negative; all
    /// rows must have the same length.
    public static func minimumCost(_ cost: [[Int]]) -> [Int?] {
        let rows = cost.count
        let columns = cost.first?.count ?? 0
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        // Square it: padding rows/columns cost nothing, so they change no real choice.
        let n = max(rows, columns)
        func c(_ r: Int, _ k: Int) -> Int { r < rows && k < columns ? cost[r][k] : 0 }
        // Potentials u (rows) and v (columns), 1-based with 0 as the virtual start column.
        var u = [Int](repeating: 0, count: n + 1)
        var v = [Int](repeating: 0, count: n + 1)
        var rowOf = [Int](repeating: 0, count: n + 1)  // column → row (1-based; 0 = free)
        var way = [Int](repeating: 0, count: n + 1)
        for r in 1...n {
            rowOf[0] = r
            var column0 = 0
            var minimum = [Int](repeating: Int.max, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[column0] = true
                let r0 = rowOf[column0]
                var delta = Int.max
                var column1 = 0
                for k in 1...n where !used[k] {
                    let reduced = c(r0 - 1, k - 1) - u[r0] - v[k]
                    if reduced < minimum[k] { minimum[k] = reduced; way[k] = column0 }
                    if minimum[k] < delta { delta = minimum[k]; column1 = k }
                }
                for k in 0...n {
                    if used[k] { u[rowOf[k]] += delta; v[k] -= delta } else { minimum[k] -= delta }
                }
                column0 = column1
            } while rowOf[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOf[column0] = rowOf[column1]
                column0 = column1
            } while column0 != 0
        }
        var result = [Int?](repeating: nil, count: rows)
        for k in 1...n where rowOf[k] != 0 {
            let r = rowOf[k] - 1
            if r < rows, k - 1 < columns { result[r] = k - 1 }
        }
        return result
    }

    /// The total cost of an assignment (rows left over cost nothing here).
    public static func totalCost(_ cost: [[Int]], _ assignment: [Int?]) -> Int {
        zip(cost, assignment).reduce(0) { sum, pair in sum + (pair.1.map { pair.0[$0] } ?? 0) }
    }
}
