// swift-tools-version:6.0
// Nested benchmark package (STYLE.md B10): times SigilNMF's engine alone, outside `swift test`.
// Run from Tests/Benchmarks/nmf/*.sh; builds in release only.
import PackageDescription

let package = Package(
  name: "NMFBench",
  platforms: [.macOS(.v13)],
  dependencies: [.package(name: "sigil", path: "../../..")],
  targets: [
    .executableTarget(
      name: "NMFBench",
      dependencies: [.product(name: "SigilNMF", package: "sigil"), .product(name: "SigilCore", package: "sigil")]),
  ],
  swiftLanguageModes: [.v6]
)
