import SigilCore

/// Small vector and matrix helpers used by the consensus statistics (plain loops: the shapes are
/// 96 x k and k x samples, and summation order is fixed so results are reproducible).
enum VectorMath {
  /// `x / Σx`; the zero vector stays zero.
  static func normalizedToSum(_ x: [Double]) -> [Double] {
    let s = x.reduce(0, +)
    return s > 0 ? x.map { $0 / s } : x
  }

  /// C = A · B by plain loops, column by column (deterministic summation order).
  static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "shapes \(a.rows)x\(a.columns) and \(b.rows)x\(b.columns) do not chain")
    var c = Matrix(rows: a.rows, columns: b.columns)
    a.values.withUnsafeBufferPointer { av in
      b.values.withUnsafeBufferPointer { bv in
        c.values.withUnsafeMutableBufferPointer { cv in
          for j in 0..<b.columns {
            for l in 0..<a.columns {
              let blj = bv[l + j * b.rows]
              if blj == 0 { continue }
              let aBase = l * a.rows, cBase = j * a.rows
              for i in 0..<a.rows { cv[cBase + i] += av[aBase + i] * blj }
            }
          }
        }
      }
    }
    return c
  }
}
