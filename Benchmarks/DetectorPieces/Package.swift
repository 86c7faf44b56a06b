// swift-tools-version: 6.1
// Times the Tensor-free detector pieces (`make bench-detector-pieces`). A separate package so
// the main build does not compile a benchmark; its sources are symlinks to ../../Sources.
import PackageDescription

let package = Package(
    name: "DetectorPieces",
    targets: [
        .target(name: "COCO"),
        .target(name: "MaskRCNN", dependencies: ["COCO"]),
        .executableTarget(name: "DetectorPieces", dependencies: ["MaskRCNN"]),
    ]
)
