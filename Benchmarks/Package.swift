// swift-tools-version: 6.1
// Throughput and allocation benchmarks of TrendFit (ordo-one/benchmark), kept out of the main
// package so that its build never compiles the benchmark library. Run from this folder:
//   swift package --scratch-path ../.build-benchpkg benchmark
import PackageDescription

let package = Package(
    name: "TrendFitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TrendFit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TrendFitBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TrendFit", package: "TrendFit"),
                .product(name: "TrendFitOpenCL", package: "TrendFit"),
                .product(name: "TrendFitWorkloads", package: "TrendFit"),
            ],
            path: "Benchmarks/TrendFitBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
