/// An axis-aligned box `(x1, y1, x2, y2)` in input-image pixels, corners as continuous
/// coordinates (detectron2's XYXY_ABS, no "+1").
///
/// Float32, like the tensors the boxes come from and go to, so IoU, NMS and box coding give the
/// same bits as torchvision/PyTorch on float32 tensors (checked by the detector fixtures).
public struct Box: Equatable, Hashable, Sendable {
    /// Left edge.
    public var x1: Float
    /// Top edge.
    public var y1: Float
    /// Right edge.
    public var x2: Float
    /// Bottom edge.
    public var y2: Float

    /// Creates a box from its corners.
    public init(x1: Float, y1: Float, x2: Float, y2: Float) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// `x2 - x1` (negative for a malformed box).
    @inlinable public var width: Float { x2 - x1 }
    /// `y2 - y1` (negative for a malformed box).
    @inlinable public var height: Float { y2 - y1 }
    /// `width x height`, computed as torchvision's `box_area` does (not clamped).
    @inlinable public var area: Float { (x2 - x1) * (y2 - y1) }

    /// Whether all four coordinates are finite.
    public var isFinite: Bool { x1.isFinite && y1.isFinite && x2.isFinite && y2.isFinite }

    /// The box clamped to the image `[0, width] x [0, height]` (detectron2's `Boxes.clip`).
    public func clipped(toWidth width: Float, height: Float) -> Box {
        Box(x1: min(max(x1, 0), width), y1: min(max(y1, 0), height),
            x2: min(max(x2, 0), width), y2: min(max(y2, 0), height))
    }

    /// Whether both sides exceed `threshold` pixels (detectron2's `Boxes.nonempty`).
    public func isLarger(than threshold: Float) -> Bool {
        width > threshold && height > threshold
    }

    /// Whether the box lies within the image extended by `margin` pixels on each side
    /// (detectron2's `Boxes.inside_box`, used for the RPN boundary threshold).
    public func isInside(width: Float, height: Float, margin: Float) -> Bool {
        x1 >= -margin && y1 >= -margin && x2 < width + margin && y2 < height + margin
    }
}

/// An image's size in pixels, height first as in detectron2's `image_size`.
public struct ImageSize: Equatable, Hashable, Sendable {
    /// Rows.
    public var height: Int
    /// Columns.
    public var width: Int

    /// Creates an image size.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }
}
