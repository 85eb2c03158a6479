// swift-tools-version:6.0
// Nested fuzzing package (issue #13; like Tests/Benchmarks/NMFBench): libFuzzer targets for the
// input readers, built with -sanitize=fuzzer,address so the main build is untouched.
// Run with `make fuzz` / `make fuzz-smoke` from the repository root (Docs/Reliability.md).
import PackageDescription

let package = Package(
  name: "SigilFuzz",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "sigil", path: "../..")],
  targets: [
    .target(name: "CFuzzDriver"),
    // Catalog / signature TSV text -> LabeledTable, MutationCatalog, SignatureSet.
    .executableTarget(name: "FuzzTables", dependencies: ["CFuzzDriver", .product(name: "SigilCore", package: "sigil")]),
    // VCF text (or BCF/gzip bytes) -> catalogs through htslib, against a small fixed reference.
    .executableTarget(
      name: "FuzzVCF",
      dependencies: ["CFuzzDriver", .product(name: "SigilVCF", package: "sigil"), .product(name: "SigilCore", package: "sigil")]),
  ],
  swiftLanguageModes: [.v6]
)
