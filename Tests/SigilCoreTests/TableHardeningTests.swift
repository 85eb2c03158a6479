import Foundation
import Testing
@testable import SigilCore
import SigilTestSupport

/// Issue #13: catalog and signature readers refuse what fit/extract cannot use, naming file, line
/// and column. Each case was accepted before (a 1e19 cell then trapped `fit` with exit 132).
@Suite("hardening: catalog and signature tables") struct TableHardeningTests {
  let sbs = MutationClass.sbs96.channels

  func write(_ text: String) -> String {
    let path = (Fixtures.temporaryDirectory() as NSString).appendingPathComponent("t.tsv")
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// An SBS96 catalog with samples S1, S2; the cell (row 5, S2) is `cell`.
  func catalog(_ cell: String, header: String = "MutationType\tS1\tS2") -> String {
    var t = header + "\n"
    for (i, l) in sbs.enumerated() { t += "\(l)\t\(i)\t\(i == 5 ? cell : "1")\n" }
    return t
  }

  func tableError(_ body: () throws -> Void) -> TableFormatError? {
    do { try body(); return nil } catch let e as TableFormatError { return e } catch { return nil }
  }

  @Test("a count that is not a whole number below 2^53 is refused naming file, line, column",
        arguments: ["1e19", "9007199254740992", "2.5", "0.1"])
  func notACount(_ cell: String) {
    let path = write(catalog(cell))
    let e = tableError { _ = try MutationCatalog.read(path: path) }
    guard case let .notACount(p, line, column, _)? = e else { Issue.record("got \(String(describing: e))"); return }
    #expect(p == path && line == 7 && column == "S2")
    #expect(e!.description.contains("expected a whole number from 0 to 2^53"))
  }

  @Test("a column whose counts sum to 2^53 or more is refused (1536 cells below 2^53 overflow Int)")
  func totalTooLarge() {
    var t = "MutationType\tS1\n"
    for l in MutationClass.sbs1536.channels { t += "\(l)\t9007199254740000\n" }
    let path = write(t)
    #expect(tableError { _ = try MutationCatalog.read(path: path) } == .countTotalTooLarge(path: path, column: "S1"))
  }

  @Test("the largest exact count 2^53 - 1 and 1e3 still read")
  func largestCount() throws {
    var cells = "MutationType\tS1\tS2\n"
    for (i, l) in sbs.enumerated() { cells += "\(l)\t1\t\(i == 5 ? "9007199254740991" : "0")\n" }
    let c = try MutationCatalog.read(path: write(cells))
    #expect(c.counts[5, 1] == 9_007_199_254_740_991)
    #expect(try MutationCatalog.read(path: write(catalog("1e3"))).counts[5, 1] == 1000)
  }

  @Test("NaN, inf, negative, hexadecimal and empty cells are refused", arguments: ["nan", "inf", "-infinity", "-3", "0x10", "", "1 2"])
  func badCells(_ cell: String) {
    let path = write(catalog(cell))
    let e = tableError { _ = try MutationCatalog.read(path: path) }
    #expect(e != nil, "'\(cell)' was accepted")
    #expect(e?.description.hasPrefix("\(path):7: column 'S2'") == true, "\(String(describing: e))")
  }

  @Test("an empty sample or signature name in the header is refused naming the column",
        arguments: ["MutationType\t\tS2", "MutationType\tS1\t", "MutationType\tS1\t  "])
  func emptyName(_ header: String) {
    let path = write(catalog("1", header: header))
    let e = tableError { _ = try MutationCatalog.read(path: path) }
    guard case let .emptyColumnName(p, line, _)? = e else { Issue.record("got \(String(describing: e))"); return }
    #expect(p == path && line == 1)
    let s = tableError { _ = try SignatureSet.read(path: path) }
    #expect(s == e)
  }

  @Test("a duplicate name is refused in catalogs and signatures")
  func duplicateName() {
    let path = write(catalog("1", header: "MutationType\tS1\tS1"))
    #expect(tableError { _ = try MutationCatalog.read(path: path) } == .duplicateColumn(path: path, name: "S1"))
  }

  @Test("a UTF-8 BOM, CRLF line ends and blank lines read like the plain file")
  func bomCRLFBlank() throws {
    let plain = try MutationCatalog.read(path: write(catalog("4")))
    let odd = "\u{FEFF}" + catalog("4").replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "A[C>A]C\t", with: "\r\nA[C>A]C\t")
    let read = try MutationCatalog.read(path: write(odd))
    #expect(read.sampleNames == plain.sampleNames && read.counts == plain.counts)
    // R write.table layout (header one field short) with a BOM: the first sample keeps its name.
    let r = try MutationCatalog.read(path: write("\u{FEFF}" + catalog("4", header: "S1\tS2")))
    #expect(r.sampleNames == ["S1", "S2"])
  }

  @Test("a signature whose weights sum to infinity is refused")
  func infiniteSignature() {
    var t = "Type\tSBSx\n"
    for l in sbs { t += "\(l)\t1e308\n" }
    let path = write(t)
    #expect(tableError { _ = try SignatureSet.read(path: path) } == .signatureSumNotFinite(path: path, name: "SBSx"))
  }

  @Test("signature columns that do not sum to 1 are named (a count catalog given as signatures); rounded ones are not")
  func rescaledColumnsNamed() throws {
    // S1 sums to 0+1+...+95 = 4560, S2 to 95 + 5: whole numbers, a count catalog.
    let counts = write(catalog("5"))
    let (set, rescaled) = try SignatureSet.readNotingRescaled(path: counts)
    #expect(rescaled.map(\.name) == ["S1", "S2"])
    #expect(abs(set.matrix.column(0).reduce(0, +) - 1) < 1e-12)
    let warning = try #require(SignatureSet.rescaledWarning(path: counts, rescaled))
    #expect(warning.contains("S1 sums to 4560") && warning.contains("count catalog"))
    // A probability table rounded to 4 digits (sum 1.0004) passes without a note.
    var t = "MutationType\tA\n"
    for (i, l) in sbs.enumerated() { t += "\(l)\t\(i == 0 ? "0.0108" : "0.0104")\n" }
    #expect(try SignatureSet.readNotingRescaled(path: write(t)).rescaled.isEmpty)
    #expect(SignatureSet.rescaledWarning(path: "x", []) == nil)
  }
}
