import CFuzzDriver
import Foundation
import SigilCore

/// libFuzzer entry: the input is the text of a catalog or signature table. Any thrown
/// `TableFormatError` is a correct answer; a trap, crash or sanitizer report is a finding.
/// The input is parsed from memory (`LabeledTable.parse`) and also through `read(path:)` every
/// 64th input, so the file path (BOM, Latin-1 fallback) is covered without a write per input.
nonisolated(unsafe) var executions = 0
let scratch = (NSTemporaryDirectory() as NSString).appendingPathComponent("sigil-fuzz-tables-\(getpid()).tsv")

func fuzzTables(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(bytes: data, count: size)
  executions += 1
  if executions % 64 == 0 {
    try? bytes.write(to: URL(fileURLWithPath: scratch))
    exercise { try LabeledTable.read(path: scratch) }
  } else if let text = String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .isoLatin1) {
    exercise { try LabeledTable.parse(text: text, path: "fuzz") }
  }
  return 0
}

func exercise(_ read: () throws -> LabeledTable) {
  guard let table = try? read() else { return }
  if let catalog = try? MutationCatalog(table: table) {
    // What fit and extract do first with a catalog: totals as integers (issue #13: used to trap).
    for total in catalog.totals { precondition(total.isFinite && total >= 0 && total < 9.3e18, "unusable total \(total)") ; _ = Int(total) }
    _ = catalog.tsv()
  }
  if let (cls, m) = try? table.canonicalChannels() {
    var ok = true
    for s in m.columnSums where !(s > 0 && s.isFinite) { ok = false }
    if ok { _ = SignatureSet(mutationClass: cls, names: table.columnNames, matrix: m).tsv() }
  }
}

// libFuzzer's own main is not linked (SwiftPM names the executable's entry point), so start its driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzzTables($0, size) } ?? 0 })
