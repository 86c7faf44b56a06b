// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "MaskBench",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "COCO", targets: ["COCO"]),
        .library(name: "COCOEval", targets: ["COCOEval"]),
        .library(name: "MaskRCNN", targets: ["MaskRCNN"]),
        .executable(name: "cocoeval", targets: ["cocoeval"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - Libraries
        .target(name: "COCO"),
        .target(name: "COCOEval", dependencies: ["COCO"]),
        .target(name: "MaskRCNN", dependencies: ["COCO"], exclude: ["README-detector.md"]),

        // MARK: - Command-line tools
        .executableTarget(
            name: "cocoeval",
            dependencies: ["COCO", "COCOEval", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Release-build benchmark of the Tensor-free detector pieces (`make bench-detector`).
        .executableTarget(name: "detector-bench", dependencies: ["MaskRCNN"]),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "COCOTests", dependencies: ["COCO", "TestSupport"]),
        .testTarget(name: "COCOEvalTests", dependencies: ["COCO", "COCOEval", "TestSupport"]),
        .testTarget(name: "MaskRCNNTests", dependencies: ["COCO", "MaskRCNN", "TestSupport"]),
    ]
)
