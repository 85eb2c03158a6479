import SigilCore

/// Plain-loop reference implementations that the fast kernels are tested against.
public enum NaiveKernels {
  /// C = A · B by the textbook triple loop.
  public static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "shapes \(a.rows)x\(a.columns) and \(b.rows)x\(b.columns) do not chain")
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows { for j in 0..<b.columns {
      var s = 0.0
      for l in 0..<a.columns { s += a[i, l] * b[l, j] }
      c[i, j] = s
    } }
    return c
  }

  /// Cosine similarity of two vectors (0 when either is zero).
  public static func cosine(_ x: [Double], _ y: [Double]) -> Double {
    var xy = 0.0, xx = 0.0, yy = 0.0
    for i in 0..<x.count { xy += x[i] * y[i]; xx += x[i] * x[i]; yy += y[i] * y[i] }
    return xx > 0 && yy > 0 ? xy / (xx * yy).squareRoot() : 0
  }
}
