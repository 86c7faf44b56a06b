// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MaskBench",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "COCO", targets: ["COCO"]),
        .library(name: "COCOEval", targets: ["COCOEval"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "MaskRCNN", targets: ["MaskRCNN"]),
        .executable(name: "cocoeval", targets: ["cocoeval"]),
        .executable(name: "roi-bench", targets: ["roi-bench"]),
        .executable(name: "tensor-bench", targets: ["tensor-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - Libraries
        .target(name: "COCO"),
        .target(name: "COCOEval", dependencies: ["COCO"]),
        // oneDNN's C API (libdnnl-dev): the CPU backend for convolutions and GEMMs.
        .systemLibrary(name: "CDNNL"),
        .target(name: "Tensor", dependencies: ["CDNNL", "COCO"]),
        .target(name: "MaskRCNN", dependencies: ["Tensor", "COCO"]),

        // MARK: - Command-line tools
        .executableTarget(
            name: "cocoeval",
            dependencies: ["COCO", "COCOEval", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "tensor-bench", dependencies: ["Tensor"]),

        // MARK: - Benchmarks (release builds, `make bench-*`)
        .executableTarget(name: "roi-bench", dependencies: ["MaskRCNN"]),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "COCOTests", dependencies: ["COCO", "TestSupport"]),
        .testTarget(name: "COCOEvalTests", dependencies: ["COCO", "COCOEval", "TestSupport"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "COCO", "TestSupport"]),
        .testTarget(name: "MaskRCNNTests", dependencies: ["COCO", "MaskRCNN", "Tensor", "TestSupport"]),
        .testTarget(name: "cocoevalTests", dependencies: ["cocoeval", "TestSupport"]),
    ]
)
