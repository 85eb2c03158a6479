import Foundation
import Testing
@testable import SigilCore
import SigilTestSupport

@Suite("Reading and writing tables") struct TableReadingTests {
  let sbs = MutationClass.sbs96.channels

  func write(_ text: String, name: String = "table.tsv") -> String {
    let path = (Fixtures.temporaryDirectory() as NSString).appendingPathComponent(name)
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// A valid SBS96 catalog text with two samples, rows in `order`.
  func catalogText(order: [String], corner: String = "MutationType", eol: String = "\n") -> String {
    var t = "\(corner)\tS1\tS2" + eol
    for l in order { t += "\(l)\t\(sbs.firstIndex(of: l)!)\t1" + eol }
    return t
  }

  @Test("every bundled COSMIC table reads and writes back with identical values per label",
        arguments: Fixtures.referenceTables)
  func cosmicRoundTrip(file: String) throws {
    let path = Fixtures.reference(file)
    let raw = try LabeledTable.read(path: path)
    let set = try SignatureSet.read(path: path)
    #expect(set.names == raw.columnNames)
    let back = try LabeledTable.parse(text: set.tsv(), path: "round-trip")
    #expect(back.cornerName == "MutationType")
    // Values per label: the normalised signature equals the file's value divided by its column sum.
    let sums = raw.values.columnSums
    for (r, label) in raw.rowLabels.enumerated() {
      let row = set.mutationClass.index(of: label)!
      #expect(back.rowLabels[row] == label)
      for j in 0..<raw.columnNames.count {
        let expected = raw.values[r, j] / sums[j]
        #expect(back.values[row, j] == set.matrix[row, j])
        #expect(approximatelyEqual(set.matrix[row, j], expected, relative: 1e-15), "\(file) \(label) \(raw.columnNames[j])")
      }
    }
    // COSMIC columns already sum to ~1: normalisation changes values by at most 1e-4 relative.
    for s in sums { #expect(abs(s - 1) < 1e-3, "\(file) column sum \(s)") }
  }

  @Test("catalog rows in any order come back in canonical order, and the TSV round-trips byte for byte")
  func anyOrder() throws {
    var rng = SeededGenerator(seed: 7)
    let shuffled = sbs.shuffled(using: &rng)
    let catalog = try MutationCatalog.read(path: write(catalogText(order: shuffled)))
    #expect(catalog.sampleNames == ["S1", "S2"])
    for i in 0..<96 { #expect(catalog.counts[i, 0] == Double(i)) }
    let text = catalog.tsv()
    #expect(text == catalogText(order: sbs))
    #expect(try MutationCatalog.read(path: write(text)) == catalog)
  }

  @Test("COSMIC layout: Type header, CRLF, no final newline, scientific notation")
  func cosmicLayout() throws {
    var text = catalogText(order: sbs, corner: "Type")
      .replacingOccurrences(of: "A[C>A]A\t0\t1", with: "A[C>A]A\t5.80E-07\t1")
      .replacingOccurrences(of: "\n", with: "\r\n")
    text = String(text.dropLast())  // "\r\n" is one Character
    #expect(text.contains("5.80E-07") && !text.hasSuffix("\n"))
    let table = try LabeledTable.parse(text: text, path: "x")
    #expect(table.values[0, 0] == 5.8e-7)
    #expect(table.values[95, 0] == 95)
    // As a catalog 5.8e-07 is no mutation count (issue #13): refused naming line and column.
    #expect(throws: TableFormatError.notACount(path: "x", line: 2, column: "S1", value: "5.8e-07")) { try MutationCatalog(table: table) }
  }

  @Test("MutationalPatterns write.table export: header one field short, quoted names")
  func mutationalPatterns() throws {
    let catalog = try MutationCatalog.read(path: Fixtures.fixture("mutationalpatterns_export.tsv"))
    #expect(catalog.sampleNames == ["tumour.A", "tumour.B"])
    #expect(catalog.counts[95, 0] == 0)   // T[T>G]T was the first row with 0
    #expect(catalog.counts[0, 1] == 191)  // A[C>A]A was the last row: 2*95+1
  }

  @Test("comment lines and comma separators are accepted")
  func commentsAndCommas() throws {
    var text = "# made by a test\nMutationType,S1\n"
    for l in sbs { text += "\(l),3\n" }
    let catalog = try MutationCatalog.read(path: write(text))
    #expect(catalog.totals == [288])
  }

  @Test("numbers are written in shortest round-trip form")
  func numberFormat() {
    #expect(NumberFormatting.format(12) == "12")
    #expect(NumberFormatting.format(0) == "0")
    #expect(NumberFormatting.format(-0.0) == "0")
    #expect(NumberFormatting.format(0.1) == "0.1")
    #expect(NumberFormatting.format(5.8e-7) == "5.8e-07")
    #expect(NumberFormatting.format(1.0 / 3) == "0.3333333333333333")
    #expect(Double(NumberFormatting.format(1.0 / 3)) == 1.0 / 3)
    #expect(NumberFormatting.format(1e300) == "1e+300")
  }
}

@Suite("Bad table input gets a clear error") struct TableErrorTests {
  let sbs = MutationClass.sbs96.channels

  func message(_ text: String, expected: MutationClass? = nil) -> String {
    do {
      _ = try MutationCatalog(table: LabeledTable.parse(text: text, path: "in.tsv"), expected: expected)
      return "no error"
    } catch { return "\(error)" }
  }

  func rows(_ labels: [String], value: String = "1") -> String {
    "MutationType\tS1\n" + labels.map { "\($0)\t\(value)\n" }.joined()
  }

  @Test("unknown channel label") func unknown() {
    var labels = sbs; labels[3] = "A[G>A]T"
    #expect(message(rows(labels)) == "in.tsv:5: 'A[G>A]T' is not a channel label; expected a SBS96 channel such as A[C>A]A")
    #expect(message(rows(["hello"] + sbs)).hasPrefix("in.tsv:2: 'hello' is not a channel label; expected a channel label such as A[C>A]A (SBS96)"))
  }

  @Test("missing channel") func missing() {
    #expect(message(rows(Array(sbs.dropLast()))) == "in.tsv: 1 of the 96 SBS96 channels are missing (T[T>G]T)")
  }

  @Test("duplicate label") func duplicate() {
    #expect(message(rows(sbs + ["A[C>A]A"])) == "in.tsv:98: channel 'A[C>A]A' appears again (first on line 2); each channel must appear once")
  }

  @Test("duplicate sample name") func duplicateSample() {
    #expect(message("MutationType\tS1\tS1\n" + sbs.map { "\($0)\t1\t2\n" }.joined())
      == "in.tsv: column 'S1' appears twice in the header; sample and signature names must be unique")
  }

  @Test("non-numeric, negative and non-finite cells") func cells() {
    var t = rows(sbs); t = t.replacingOccurrences(of: "A[C>A]C\t1", with: "A[C>A]C\tabc")
    #expect(message(t) == "in.tsv:3: column 'S1': 'abc' is not a number")
    t = rows(sbs).replacingOccurrences(of: "A[C>A]C\t1", with: "A[C>A]C\t-2")
    #expect(message(t) == "in.tsv:3: column 'S1': -2 is negative; counts and signatures must be >= 0")
    t = rows(sbs).replacingOccurrences(of: "A[C>A]C\t1", with: "A[C>A]C\tinf")
    #expect(message(t) == "in.tsv:3: column 'S1': inf is not finite; expected a finite number")
    t = rows(sbs).replacingOccurrences(of: "A[C>A]C\t1", with: "A[C>A]C\tnan")
    #expect(message(t) == "in.tsv:3: column 'S1': nan is not finite; expected a finite number")
  }

  @Test("ragged row") func ragged() {
    let t = rows(sbs).replacingOccurrences(of: "A[C>A]G\t1", with: "A[C>A]G\t1\t2")
    #expect(message(t) == "in.tsv:4: expected 2 tab-separated fields like the header, found 3")
  }

  @Test("empty file and header only") func empty() {
    #expect(message("") == "in.tsv: the file is empty; expected a header row and one row per channel")
    #expect(message("# only a comment\n\n") == "in.tsv: the file is empty; expected a header row and one row per channel")
    #expect(message("MutationType\n") == "in.tsv: the header has no sample or signature columns after the channel column")
  }

  @Test("wrong channel count for the class") func wrongClass() throws {
    let dbs = rows(MutationClass.dbs78.channels)
    #expect(message(dbs, expected: .sbs96) == "in.tsv: expected the 96 SBS96 channels, but the file has 78 rows of another class's channels")
    #expect(try MutationCatalog(table: LabeledTable.parse(text: dbs, path: "x")).mutationClass == .dbs78)
  }

  @Test("missing file") func missingFile() {
    #expect(throws: TableFormatError.cannotOpen(path: "/nonexistent/x.tsv", reason: "no such file")) {
      try MutationCatalog.read(path: "/nonexistent/x.tsv")
    }
  }

  @Test("all-zero signature") func zeroSignature() throws {
    let dir = Fixtures.temporaryDirectory()
    let path = dir + "/sig.tsv"
    try ("Type\tSBSx\n" + sbs.map { "\($0)\t0\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: TableFormatError.zeroSignature(path: path, name: "SBSx")) { try SignatureSet.read(path: path) }
  }
}
