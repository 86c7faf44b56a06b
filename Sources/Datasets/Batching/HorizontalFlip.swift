import COCO

extension TrainingExample {
    /// The example mirrored left to right: pixels, boxes and masks mirror; keypoints mirror and
    /// swap left/right partners (`flipIndex`, e.g. `PersonKeypoints.flipIndex`), since the
    /// person's left wrist becomes the one on the other side.
    public func flippedHorizontally(flipIndex: [Int] = PersonKeypoints.flipIndex) -> TrainingExample {
        var flipped = self
        let width = image.width
        flipped.image = image.flippedHorizontally()
        flipped.targets.boxes = targets.boxes.map {
            BoundingBox(x: Double(width) - $0.x - $0.width, y: $0.y, width: $0.width, height: $0.height)
        }
        flipped.targets.masks = targets.masks.map { $0.flippedHorizontally() }
        flipped.targets.keypoints = targets.keypoints.map { points in
            precondition(points.count == flipIndex.count, "flipIndex must pair every keypoint")
            return flipIndex.map { source in
                let point = points[source]
                return point.visibility > 0 ? Keypoint(x: Double(width) - point.x, y: point.y, visibility: point.visibility) : point
            }
        }
        return flipped
    }
}

extension Image {
    /// The image mirrored left to right.
    public func flippedHorizontally() -> Image {
        Image(uncheckedWidth: width, height: height, pixels: mirroredRows(pixels, width: width, channels: 3))
    }
}

extension BinaryMask {
    /// The mask mirrored left to right.
    public func flippedHorizontally() -> BinaryMask {
        BinaryMask(width: width, height: height, pixels: mirroredRows(pixels, width: width, channels: 1))
    }
}

/// Row-major interleaved pixels with every row reversed (pixel order, not channel order).
private func mirroredRows(_ pixels: [UInt8], width: Int, channels: Int) -> [UInt8] {
    var mirrored = pixels
    let rowLength = width * channels
    for rowStart in stride(from: 0, to: pixels.count, by: rowLength) {
        for x in 0..<width {
            let target = rowStart + x * channels
            let source = rowStart + (width - 1 - x) * channels
            for channel in 0..<channels { mirrored[target + channel] = pixels[source + channel] }
        }
    }
    return mirrored
}
