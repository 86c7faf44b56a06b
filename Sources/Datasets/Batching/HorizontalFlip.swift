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
        var pixels = self.pixels
        for y in 0..<height {
            for x in 0..<width {
                let target = (y * width + x) * 3
                let source = (y * width + (width - 1 - x)) * 3
                pixels[target] = self.pixels[source]
                pixels[target + 1] = self.pixels[source + 1]
                pixels[target + 2] = self.pixels[source + 2]
            }
        }
        return Image(uncheckedWidth: width, height: height, pixels: pixels)
    }
}

extension BinaryMask {
    /// The mask mirrored left to right.
    public func flippedHorizontally() -> BinaryMask {
        var pixels = self.pixels
        for y in 0..<height {
            for x in 0..<width {
                pixels[y * width + x] = self.pixels[y * width + (width - 1 - x)]
            }
        }
        return BinaryMask(width: width, height: height, pixels: pixels)
    }
}
