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
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Ablation", targets: ["Ablation"]),
        .executable(name: "cocoeval", targets: ["cocoeval"]),
        .executable(name: "roi-bench", targets: ["roi-bench"]),
        .executable(name: "tensor-bench", targets: ["tensor-bench"]),
        .executable(name: "datasets-bench", targets: ["datasets-bench"]),
        .executable(name: "ablate", targets: ["ablate"]),
        .executable(name: "train-bench", targets: ["train-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - Libraries
        .target(name: "COCO"),
        .target(name: "COCOEval", dependencies: ["COCO"]),
        // oneDNN's C API (libdnnl-dev): the CPU backend for convolutions and GEMMs.
        .systemLibrary(name: "CDNNL"),
        .target(name: "Tensor", dependencies: ["CDNNL", "COCO"], exclude: ["README.md"]),
        .target(name: "MaskRCNN", dependencies: ["Tensor", "COCO"], exclude: ["README-detector.md", "README-model.md"]),
        .target(name: "Datasets", dependencies: ["COCO", "CImageCodecs"]),
        // libpng/libjpeg (libpng-dev, libjpeg-dev) behind a setjmp-safe C shim.
        .target(
            name: "CImageCodecs",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("z")]
        ),
        // Ablation tables (YAML), the job runner seam, results, statistics and reports.
        .target(
            name: "Ablation",
            dependencies: ["COCO", "COCOEval", "MaskRCNN", "Tensor", "Datasets", .product(name: "Yams", package: "Yams")]
        ),

        // MARK: - Command-line tools
        // Release builds link the Swift runtime and Foundation statically: start-up without
        // dynamic symbol binding (a keypoints evaluation takes ~0.1 s, so start-up counts). The
        // libraries are what `--static-swift-stdlib` adds; named so plain `swift build` does it.
        .executableTarget(
            name: "cocoeval",
            dependencies: ["COCO", "COCOEval", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("CoreFoundation", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("_FoundationICU", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("_FoundationCShims", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("_FoundationCollections", .when(platforms: [.linux], configuration: .release)),
                .linkedLibrary("swiftSynchronization", .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "ablate",
            dependencies: ["Ablation", "COCO", "Datasets", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: - Benchmarks (release builds, `make bench-*`)
        .executableTarget(name: "tensor-bench", dependencies: ["Tensor"]),
        .executableTarget(name: "roi-bench", dependencies: ["MaskRCNN"]),
        .executableTarget(name: "detector-bench", dependencies: ["MaskRCNN", "Tensor"]),
        .executableTarget(name: "datasets-bench", dependencies: ["COCO", "Datasets"]),
        .executableTarget(name: "train-bench", dependencies: ["MaskRCNN", "Tensor"]),

        // MARK: - Tests
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "COCOTests", dependencies: ["COCO", "TestSupport"]),
        .testTarget(name: "COCOEvalTests", dependencies: ["COCO", "COCOEval", "TestSupport"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "COCO", "TestSupport"]),
        .testTarget(name: "MaskRCNNTests", dependencies: ["COCO", "COCOEval", "MaskRCNN", "Tensor", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["COCO", "Datasets", "TestSupport"]),
        .testTarget(name: "cocoevalTests", dependencies: ["cocoeval", "TestSupport"]),
        .testTarget(
            name: "AblationTests", dependencies: ["ablate", "Ablation", "COCO", "COCOEval", "Datasets", "MaskRCNN", "TestSupport"]
        ),
    ]
)
