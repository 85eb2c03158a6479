// NMFBench: times and measures SigilNMF's engine alone (release builds only; STYLE.md B10).
//
//   NMFBench sweep <catalog.tsv> [--ranks 2-8] [--restarts 100] [--threads 2] [--seed 1]
//                  [--solver mu|mu-extrapolated|ccd] [--tolerance t] [--max-iterations n] [--first i]
//       R restarts per rank through RestartRunner; per rank: seconds, s/restart, mean iterations,
//       best and median final KL. Last line: TOTAL seconds.
//   NMFBench periter <catalog.tsv> <rank> [--iterations 2000]
//       microseconds per KL multiplicative-update iteration, and the gemm share of the flops.
//   NMFBench kernels [--n 500 --k 8]
//       CPU microseconds of each part of one KL iteration (gemms, quotient, objective).
//   NMFBench defaults
//       (needs SIGIL_REFERENCE_DIR or the bundled reference/ found from the working folder)
//       stopping-rule sweep on simulated cohorts with known truth (evidence for the defaults).
import Foundation
import SigilCore
import SigilLinearAlgebra
import SigilNMF

#if DEBUG
print("NMFBench: refusing to report timings from a debug build; use swift run -c release")
exit(2)
#endif

func option(_ name: String, _ fallback: String) -> String {
  let args = CommandLine.arguments
  if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
  return fallback
}

func ranks(_ text: String) -> [Int] {
  let parts = text.split(separator: "-").compactMap { Int($0) }
  return parts.count == 2 ? Array(parts[0]...parts[1]) : parts
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// CPU seconds of the whole process (all threads), to report alongside wall-clock on a shared machine.
func processCPU() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? .nan : s[s.count / 2] }

/// Best one-to-one matching cosine of each true signature (all permutations; k <= 8).
func matchedCosines(_ truth: Matrix, _ found: Matrix) -> [Double] {
  let k = truth.columns
  var cos = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
  for a in 0..<k { for b in 0..<k { cos[a][b] = cosineSimilarity(truth.column(a), found.column(b)) } }
  var best: [Double] = [], bestSum = -1.0
  var used = [Bool](repeating: false, count: k), cur: [Double] = []
  func search(_ a: Int) {
    if a == k { let s = cur.reduce(0, +); if s > bestSum { bestSum = s; best = cur }; return }
    for b in 0..<k where !used[b] { used[b] = true; cur.append(cos[a][b]); search(a + 1); used[b] = false; cur.removeLast() }
  }
  search(0)
  return best
}

func sweep() throws {
  let path = CommandLine.arguments[2]
  let catalog = try MutationCatalog.read(path: path).counts
  let rankList = ranks(option("--ranks", "2-8"))
  let restarts = Int(option("--restarts", "100"))!
  let threads = Int(option("--threads", "2"))!
  let seed = UInt64(option("--seed", "1"))!
  var config = try NMFConfiguration()
  if let t = Double(option("--tolerance", "")) { config.tolerance = t }
  if let m = Int(option("--max-iterations", "")) { config.maxIterations = m }
  if let solver = NMFSolver(rawValue: option("--solver", "")) { config.solver = solver }
  let first = Int(option("--first", "0"))!
  print("rank\tseconds\tcpu_seconds\ts_per_restart\tmean_iterations\tconverged\tbest_kl\tmedian_kl")
  var total = 0.0, totalCPU = 0.0
  for k in rankList {
    let t0 = now(), c0 = processCPU()
    let runs = try RestartRunner.run(catalog, rank: k, restarts: first..<(first + restarts), seed: seed,
                                     configuration: config, threads: threads)
    let dt = now() - t0, dc = processCPU() - c0
    total += dt; totalCPU += dc
    let kl = runs.map(\.objective)
    let iters = Double(runs.map(\.iterations).reduce(0, +)) / Double(runs.count)
    print("\(k)\t\(String(format: "%.3f", dt))\t\(String(format: "%.3f", dc))\t\(String(format: "%.5f", dt / Double(restarts)))\t\(String(format: "%.0f", iters))\t\(runs.filter(\.converged).count)\t\(String(format: "%.4f", kl.min()!))\t\(String(format: "%.4f", median(kl)))")
  }
  print("TOTAL\t\(String(format: "%.3f", total))\t\(String(format: "%.3f", totalCPU))")
}

func perIteration() throws {
  let catalog = try MutationCatalog.read(path: CommandLine.arguments[2]).counts
  let k = Int(CommandLine.arguments[3])!
  let iterations = Int(option("--iterations", "2000"))!
  BLASInfo.useSingleThreadedBLAS()
  let config = try NMFConfiguration(tolerance: 0, checkInterval: iterations, minIterations: iterations, maxIterations: iterations)
  var best = Double.infinity
  for rep in 0..<5 {
    var rng = SeededGenerator(seed: UInt64(rep))
    let t0 = cpuNow()
    _ = try factorize(catalog, rank: k, configuration: config, using: &rng)
    best = min(best, (cpuNow() - t0) / Double(iterations))
  }
  let m = Double(catalog.rows), n = Double(catalog.columns)
  let flops = 4 * 2 * m * n * Double(k)  // four gemms of m·n·k multiply-adds per iteration
  print("SigilNMF.iteration KL \(catalog.rows)x\(catalog.columns) k=\(k)\t\(String(format: "%.2f", best * 1e6)) us CPU\tgemm \(String(format: "%.2f", flops / best * 1e-9)) GFLOP/s")
}

/// Stopping-rule sweep: for each cohort and rule, restarts at the true rank; reports time, iterations,
/// best KL relative to a converged reference, and recovery of the true signatures.
func defaults() throws {
  let cosmic = try SignatureSet.read(path: ReferenceData.path(version: "cosmic-v3.4", genome: "GRCh37"))
  struct Cohort { let name: String; let active: [String]; let optional: [String]; let samples: Int; let burden: Double }
  let cohorts = [
    Cohort(name: "breast-like 21", active: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13", "SBS3", "SBS8"], samples: 21, burden: 3000),
    Cohort(name: "mixed 100", active: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13", "SBS3", "SBS18", "SBS17b"], samples: 100, burden: 2000),
    Cohort(name: "low-burden 50", active: ["SBS1", "SBS5"], optional: ["SBS2", "SBS13", "SBS7a"], samples: 50, burden: 300),
  ]
  let restarts = Int(option("--restarts", "20"))!
  let threads = Int(option("--threads", "2"))!
  // (label, tolerance, checkInterval, maxIterations)
  let rules: [(String, Double, Int, Int)] = [
    ("1e-4/10", 1e-4, 10, 100_000), ("1e-5/10", 1e-5, 10, 100_000), ("1e-6/10", 1e-6, 10, 100_000),
    ("1e-7/10", 1e-7, 10, 100_000), ("1e-8/10", 1e-8, 10, 100_000), ("1e-6/50", 1e-6, 50, 100_000),
    ("1e-6/10 max 10000", 1e-6, 10, 10_000), ("1e-6/10 max 5000", 1e-6, 10, 5000),
    ("1e-6/10 max 3000", 1e-6, 10, 3000), ("1e-6/10 max 2000", 1e-6, 10, 2000),
    ("reference 1e-11/10", 1e-11, 10, 100_000),
  ]
  print("cohort\trule\tcpu_seconds\tmean_iterations\tcapped\tbest_kl_excess\tmedian_kl_excess\tmin_cosine_best\tmean_cosine_all")
  for cohort in cohorts {
    let plan = try SimulationPlan(signatures: cosmic, alwaysActive: cohort.active, optional: cohort.optional,
                                  sampleCount: cohort.samples, burdenMedian: cohort.burden)
    var rng = SeededGenerator(seed: 2024)
    let sim = plan.simulate(using: &rng)
    let v = sim.catalog.counts, truth = sim.signatures.matrix, k = truth.columns
    var rows: [(String, Double, Double, Int, [Double], Double, Double)] = []
    var reference = Double.infinity
    for (name, tol, interval, cap) in rules.reversed() {  // reference first
      let config = try NMFConfiguration(tolerance: tol, checkInterval: interval, maxIterations: cap)
      let t0 = processCPU()
      let runs = try RestartRunner.run(v, rank: k, restarts: 0..<restarts, seed: 7, configuration: config, threads: threads)
      let dt = processCPU() - t0
      let kl = runs.map(\.objective)
      if name.hasPrefix("reference") { reference = kl.min()! }
      let best = runs.min { $0.objective < $1.objective }!
      let minCos = matchedCosines(truth, best.w).min()!
      let meanCos = runs.map { matchedCosines(truth, $0.w).reduce(0, +) / Double(k) }.reduce(0, +) / Double(runs.count)
      let iters = Double(runs.map(\.iterations).reduce(0, +)) / Double(runs.count)
      rows.append((name, dt, iters, runs.filter { !$0.converged }.count, kl, minCos, meanCos))
    }
    for (name, dt, iters, capped, kl, minCos, meanCos) in rows.reversed() {
      let excess = { (x: Double) in String(format: "%.2e", (x - reference) / reference) }
      print("\(cohort.name) k=\(k)\t\(name)\t\(String(format: "%.2f", dt))\t\(String(format: "%.0f", iters))\t\(capped)\t\(excess(kl.min()!))\t\(excess(median(kl)))\t\(String(format: "%.5f", minCos))\t\(String(format: "%.5f", meanCos))")
    }
  }
}

switch CommandLine.arguments.dropFirst().first {
case "sweep": try sweep()
case "periter": try perIteration()
case "defaults": try defaults()
case "kernels": break
default:
  print("usage: NMFBench sweep <catalog.tsv> [--ranks 2-8 --restarts 100 --threads 2 --seed 1] | periter <catalog.tsv> <rank> | defaults")
  exit(64)
}

func cpuNow() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Per-kernel CPU microseconds of one KL iteration's parts at (m, n, k).
func kernels() {
  BLASInfo.useSingleThreadedBLAS()
  let m = 96, n = Int(option("--n", "500"))!, k = Int(option("--k", "8"))!
  let reps = 2000
  var rng = SeededGenerator(seed: 1)
  let w = (0..<(m * k)).map { _ in rng.nextUniform() }, h = (0..<(k * n)).map { _ in rng.nextUniform() }
  let v = (0..<(m * n)).map { _ in Double(rng.nextPoisson(mean: 20)) }
  var wh = [Double](repeating: 0, count: m * n), q = wh, nh = [Double](repeating: 0, count: k * n), nw = [Double](repeating: 0, count: m * k)
  func time(_ label: String, _ body: () -> Void) {
    body()
    let t0 = cpuNow()
    for _ in 0..<reps { body() }
    print(label, String(format: "%.2f us", (cpuNow() - t0) / Double(reps) * 1e6))
  }
  time("WH = W·H     ") { BLAS.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: w, lda: m, b: h, ldb: k, beta: 0, c: &wh, ldc: m) }
  time("Q = V/WH     ") { for i in 0..<(m * n) { q[i] = v[i] / max(wh[i], 1e-300) } }
  time("Wᵀ·Q         ") { BLAS.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: w, lda: m, b: q, ldb: m, beta: 0, c: &nh, ldc: k) }
  var nht = [Double](repeating: 0, count: n * k)
  time("Qᵀ·W (n x k) ") { BLAS.gemm(transposeA: true, transposeB: false, m: n, n: k, k: m, alpha: 1, a: q, lda: m, b: w, ldb: m, beta: 0, c: &nht, ldc: n) }
  time("Q·Hᵀ         ") { BLAS.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: q, lda: m, b: h, ldb: k, beta: 0, c: &nw, ldc: m) }
  time("KL objective ") { _ = Divergence.kullbackLeibler(v, wh, count: m * n) }
}
if CommandLine.arguments.dropFirst().first == "kernels" { kernels() }
