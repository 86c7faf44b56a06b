import Foundation

/// Regression targets of a box relative to a reference box (anchor or proposal).
public struct BoxDelta: Equatable, Hashable, Sendable {
    /// Weighted centre shift in units of the reference width.
    public var dx: Float
    /// Weighted centre shift in units of the reference height.
    public var dy: Float
    /// Weighted log width ratio.
    public var dw: Float
    /// Weighted log height ratio.
    public var dh: Float

    /// Creates a delta.
    public init(dx: Float, dy: Float, dw: Float, dh: Float) {
        self.dx = dx
        self.dy = dy
        self.dw = dw
        self.dh = dh
    }

    /// The zero delta (the target of a non-foreground sample, which the loss ignores).
    public static let zero = BoxDelta(dx: 0, dy: 0, dw: 0, dh: 0)
}

/// The R-CNN box parametrisation (detectron2's `Box2BoxTransform`):
/// `dx = wx (x - xa) / wa`, `dw = ww log(w / wa)`, centres at `x1 + w / 2`.
public struct BoxCoder: Equatable, Sendable {
    /// `(wx, wy, ww, wh)`: (1, 1, 1, 1) for the RPN, (10, 10, 5, 5) for the RoI box head.
    public var weights: (x: Float, y: Float, width: Float, height: Float)
    /// Upper bound on decoded `dw`, `dh` so `exp` cannot overflow: `log(1000 / 16)`.
    public var scaleClamp: Float

    /// detectron2's `_DEFAULT_SCALE_CLAMP`, rounded to Float32 as PyTorch's clamp does.
    public static let defaultScaleClamp = Float(log(1000.0 / 16))

    /// Creates a coder from `[wx, wy, ww, wh]` (a validated config's four weights).
    public init(weights: [Double], scaleClamp: Float = BoxCoder.defaultScaleClamp) {
        precondition(weights.count == 4, "BoxCoder needs 4 weights; ModelConfig.validate checks this")
        self.weights = (Float(weights[0]), Float(weights[1]), Float(weights[2]), Float(weights[3]))
        self.scaleClamp = scaleClamp
    }

    /// Two coders are equal when their weights and clamp are.
    public static func == (a: BoxCoder, b: BoxCoder) -> Bool {
        a.weights == b.weights && a.scaleClamp == b.scaleClamp
    }

    /// The delta that maps `reference` onto `target`; `reference` must have positive sides.
    public func encode(_ target: Box, relativeTo reference: Box) -> BoxDelta {
        let width = reference.x2 - reference.x1
        let height = reference.y2 - reference.y1
        let centerX = reference.x1 + 0.5 * width
        let centerY = reference.y1 + 0.5 * height
        let targetWidth = target.x2 - target.x1
        let targetHeight = target.y2 - target.y1
        let targetCenterX = target.x1 + 0.5 * targetWidth
        let targetCenterY = target.y1 + 0.5 * targetHeight
        return BoxDelta(
            dx: weights.x * (targetCenterX - centerX) / width,
            dy: weights.y * (targetCenterY - centerY) / height,
            dw: weights.width * Foundation.log(targetWidth / width),
            dh: weights.height * Foundation.log(targetHeight / height))
    }

    /// The box `delta` describes relative to `reference`, with `dw`, `dh` clamped to `scaleClamp`.
    public func decode(_ delta: BoxDelta, relativeTo reference: Box) -> Box {
        let width = reference.x2 - reference.x1
        let height = reference.y2 - reference.y1
        let centerX = reference.x1 + 0.5 * width
        let centerY = reference.y1 + 0.5 * height
        let dx = delta.dx / weights.x
        let dy = delta.dy / weights.y
        let dw = min(delta.dw / weights.width, scaleClamp)
        let dh = min(delta.dh / weights.height, scaleClamp)
        let predictedCenterX = dx * width + centerX
        let predictedCenterY = dy * height + centerY
        let predictedWidth = Foundation.exp(dw) * width
        let predictedHeight = Foundation.exp(dh) * height
        return Box(x1: predictedCenterX - 0.5 * predictedWidth, y1: predictedCenterY - 0.5 * predictedHeight,
                   x2: predictedCenterX + 0.5 * predictedWidth, y2: predictedCenterY + 0.5 * predictedHeight)
    }
}
