// swift-tools-version:6.0
// sigil: mutational signature analysis (count -> extract -> fit). Module layout: ../shared/STYLE.md B2.
import PackageDescription

let package = Package(
  name: "sigil",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sigil", targets: ["sigil"]),
    .library(name: "SigilCore", targets: ["SigilCore"]),
    .library(name: "SigilNMF", targets: ["SigilNMF", "SigilLinearAlgebra"]),
    // For the nested fuzzing package Tests/Fuzz (issue #13).
    .library(name: "SigilVCF", targets: ["SigilVCF"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CHTSlib", pkgConfig: "htslib",
      providers: [.apt(["libhts-dev"]), .brew(["htslib"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),

    .target(name: "SigilCore"),
    .target(name: "SigilLinearAlgebra", dependencies: ["SigilCore", "CBLAS"]),
    .target(name: "SigilVCF", dependencies: ["SigilCore", "CHTSlib"]),
    .target(name: "SigilNMF", dependencies: ["SigilCore", "SigilLinearAlgebra"]),
    .target(name: "SigilFit", dependencies: ["SigilCore", "SigilLinearAlgebra"]),
    // Consensus exposures and the reference decomposition are SigilFit's (one fitting engine).
    .target(name: "SigilConsensus", dependencies: ["SigilCore", "SigilLinearAlgebra", "SigilNMF", "SigilFit"]),
    .target(name: "SigilReport", dependencies: ["SigilCore", "SigilConsensus"]),   // SigilConsensus: the rank rule's thresholds
    // Per-mutation signature probabilities: counts variants through SigilVCF, reads fit/extract tables.
    .target(name: "SigilAttribution", dependencies: ["SigilCore", "SigilVCF"]),
    .executableTarget(
      name: "sigil",
      dependencies: [
        "SigilCore", "SigilLinearAlgebra", "SigilVCF", "SigilNMF", "SigilConsensus", "SigilFit",
        "SigilReport", "SigilAttribution", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "SigilTestSupport", dependencies: ["SigilCore", "SigilLinearAlgebra"],
      path: "Tests/SigilTestSupport", resources: [.copy("Fixtures")]),
    .testTarget(name: "SigilCoreTests", dependencies: ["SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilLinearAlgebraTests", dependencies: ["SigilLinearAlgebra", "SigilTestSupport"]),
    .testTarget(name: "SigilVCFTests", dependencies: ["SigilVCF", "SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilNMFTests", dependencies: ["SigilNMF", "SigilLinearAlgebra", "SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilConsensusTests", dependencies: ["SigilConsensus", "SigilFit", "SigilNMF", "SigilLinearAlgebra", "SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilFitTests", dependencies: ["SigilFit", "SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilAttributionTests", dependencies: ["SigilAttribution", "SigilVCF", "SigilCore", "SigilTestSupport"]),
    .testTarget(name: "SigilReportTests", dependencies: ["SigilReport", "SigilTestSupport"], exclude: ["Snapshots"]),
    .testTarget(name: "SigilCLITests", dependencies: ["sigil", "SigilCore", "SigilVCF", "SigilTestSupport"], exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
