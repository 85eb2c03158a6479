import CFuzzDriver
import Foundation
import SigilCore
import SigilVCF

/// libFuzzer entry: the input is written to a temporary file and counted as `sigil count` would
/// (htslib detects VCF, VCF.gz, BCF or MAF), against a fixed two-contig reference. Any thrown
/// `VCFError` is a correct answer; a trap, crash or sanitizer report (double free...) is a finding.
/// Every 4th input also goes through `--rules sigprofiler`.
let folder: String = {
  let root = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  let dir = (root as NSString).appendingPathComponent("sigil-fuzz-vcf-\(getpid())")
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  // Contigs 1 and 2 (the names the seed corpus uses), 300 bp of a fixed pseudo-random sequence.
  var state: UInt64 = 12345
  func base() -> Character { state = state &* 6364136223846793005 &+ 1442695040888963407; return Array("ACGT")[Int(state >> 62)] }
  var fasta = ""
  for name in ["1", "2"] {
    fasta += ">\(name)\n"
    for _ in 0..<5 { fasta += String((0..<60).map { _ in base() }) + "\n" }
  }
  try? fasta.write(toFile: dir + "/ref.fa", atomically: true, encoding: .utf8)
  return dir
}()
nonisolated(unsafe) var executions = 0

func fuzzVCF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = folder + "/input.vcf"
  guard (try? Data(bytes: data, count: size).write(to: URL(fileURLWithPath: input))) != nil else { return 0 }
  executions += 1
  var configuration = CountConfiguration(referencePath: folder + "/ref.fa")
  configuration.maxRefMismatch = 1
  if let result = try? VariantCounter.count(inputs: [input], configuration: configuration) {
    _ = result.summaryTSV()
    _ = result.sbs96.tsv()
  }
  if executions % 4 == 0 {
    configuration.rules = .sigprofiler
    _ = try? VariantCounter.count(inputs: [input], configuration: configuration)
  }
  return 0
}

// libFuzzer's own main is not linked (SwiftPM names the executable's entry point), so start its driver.
var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in data.map { fuzzVCF($0, size) } ?? 0 })
