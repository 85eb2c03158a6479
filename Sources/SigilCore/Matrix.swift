/// A dense, column-major matrix of `Double`.
///
/// Element (i, j) lives at `values[i + j * rows]`, so each column (a sample of a catalog, a
/// signature of a signature set) is contiguous, matching BLAS/LAPACK and R (STYLE.md B7).
///
/// ```swift
/// var m = Matrix(rows: 96, columns: 3)
/// m[0, 2] = 5
/// let third = m.column(2)      // 96 values
/// ```
public struct Matrix: Equatable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Column-major storage, `rows * columns` values.
  public var values: [Double]

  /// Creates a matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix shape must be non-negative (got \(rows) x \(columns))")
    self.rows = rows
    self.columns = columns
    self.values = Array(repeating: value, count: rows * columns)
  }

  /// Creates a matrix from column-major values. Traps when the count does not match the shape.
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(values.count == rows * columns,
                 "Matrix \(rows) x \(columns) needs \(rows * columns) values (got \(values.count))")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix from its columns, each of length `rows`.
  public init(rows: Int, columns columnValues: [[Double]]) {
    var values: [Double] = []
    values.reserveCapacity(rows * columnValues.count)
    for column in columnValues {
      precondition(column.count == rows, "column has \(column.count) values, expected \(rows)")
      values.append(contentsOf: column)
    }
    self.init(rows: rows, columns: columnValues.count, values: values)
  }

  /// The element at row `i`, column `j`.
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { values[i + j * rows] }
    set { values[i + j * rows] = newValue }
  }

  /// The values of column `j`.
  public func column(_ j: Int) -> [Double] {
    Array(values[(j * rows)..<((j + 1) * rows)])
  }

  /// Replaces column `j`.
  public mutating func setColumn(_ j: Int, to column: [Double]) {
    precondition(column.count == rows, "column has \(column.count) values, expected \(rows)")
    values.replaceSubrange((j * rows)..<((j + 1) * rows), with: column)
  }

  /// The values of row `i`.
  public func row(_ i: Int) -> [Double] {
    (0..<columns).map { self[i, $0] }
  }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
    return t
  }

  /// Sums of each column.
  public var columnSums: [Double] {
    (0..<columns).map { j in values[(j * rows)..<((j + 1) * rows)].reduce(0, +) }
  }

  /// A matrix made of the given columns, in the given order.
  public func selectingColumns(_ indices: [Int]) -> Matrix {
    Matrix(rows: rows, columns: indices.map { column($0) })
  }

  /// A matrix made of the given rows, in the given order.
  public func selectingRows(_ indices: [Int]) -> Matrix {
    var out = Matrix(rows: indices.count, columns: columns)
    for j in 0..<columns { for (r, i) in indices.enumerated() { out[r, j] = self[i, j] } }
    return out
  }
}
