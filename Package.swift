// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "TrendFit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trendfit", targets: ["trendfit"]),
        .library(name: "TrendFit", targets: ["TrendFit"]),
        .library(name: "TrendFitOpenCL", targets: ["TrendFitOpenCL"]),
        .library(name: "TrendAnalysis", targets: ["TrendAnalysis"]),
        .library(name: "TrendFitWorkloads", targets: ["TrendFitWorkloads"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // The OpenCL C API, found through pkg-config (Debian: ocl-icd-opencl-dev).
        .systemLibrary(
            name: "COpenCL",
            pkgConfig: "OpenCL",
            providers: [.apt(["ocl-icd-opencl-dev"])]
        ),
        // The default dataset, embedded with C23 #embed (a Swift array literal this size takes minutes to compile).
        .target(name: "CEmbeddedData"),
        // Vectorized C for the CPU backend, dispatched at run time (AVX-512 where the CPU has it, else AVX2): Philox words and the case bootstrap
        // at eight or four replicates per call.
        .target(name: "CVectorized"),
        // Backend-independent core: problem batches, CPU backend, Philox streams, bootstrap, intervals.
        .target(name: "TrendFit", dependencies: ["CVectorized"]),
        // OpenCL backend: device discovery, program cache, buffers, kernel launches.
        .target(
            name: "TrendFitOpenCL",
            dependencies: ["TrendFit", "COpenCL"],
            resources: [
                .embedInCode("../../Kernels/prelude.cl"),
                .embedInCode("../../Kernels/philox.cl"),
                .embedInCode("../../Kernels/linear_algebra.cl"),
                .embedInCode("../../Kernels/double_word.cl"),
                .embedInCode("../../Kernels/fit.cl"),
                .embedInCode("../../Kernels/fit_columns.cl"),
                .embedInCode("../../Kernels/case_draws.cl"),
                .embedInCode("../../Kernels/bootstrap.cl"),
                .embedInCode("../../Kernels/bootstrap_groups.cl"),
                .embedInCode("../../Kernels/peak.cl"),
                .embedInCode("../../Kernels/summary.cl"),
            ]
        ),
        // Benchmarking workloads on any backend: synthetic batches, operation counts, throughput and host-share timing.
        .target(name: "TrendFitWorkloads", dependencies: ["TrendFit"]),
        // The compute-trend analysis: dataset loading, selections, eras, sweeps, plots.
        .target(name: "TrendAnalysis", dependencies: ["TrendFit", "CEmbeddedData", "SwiftCSV"]),
        .executableTarget(
            name: "trendfit",
            dependencies: [
                "TrendFit", "TrendFitOpenCL", "TrendFitWorkloads", "TrendAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: a seeded generator for test data, the runner of the built `trendfit`,
        // and the OpenCL devices tests run on.
        .target(name: "TestSupport", dependencies: ["TrendFitOpenCL"], path: "Tests/TestSupport"),
        .testTarget(name: "TrendFitTests", dependencies: ["TrendFit", "TrendFitOpenCL", "TrendFitWorkloads", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TrendFitWorkloadsTests", dependencies: ["TrendFitWorkloads", "TrendFit"]),
        .testTarget(name: "TrendAnalysisTests", dependencies: ["TrendAnalysis", "TrendFit", "TrendFitOpenCL", "TrendFitWorkloads", "TestSupport"]),
        // The command line as a contract: runs the built `trendfit` and checks exit statuses, output and JSON shapes.
        .testTarget(name: "TrendfitCommandTests", dependencies: ["TrendAnalysis", "TrendFit", "TrendFitOpenCL", "TrendFitWorkloads", "TestSupport"]),
    ]
)
