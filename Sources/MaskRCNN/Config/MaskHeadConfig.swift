/// The mask branch (issue 7; Tables 2b and 2e).
public struct MaskHeadConfig: Codable, Equatable, Sendable {
    /// The head architecture.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// No mask branch (Faster R-CNN).
        case none
        /// `convs` 3x3 convolutions of `convWidth`, a 2x2 stride-2 deconvolution, a 1x1
        /// predictor: `resolution` = 2 x the pooler output (the FPN/C5 head).
        case fcn
        /// A 2x2 stride-2 deconvolution of `convWidth` on the res5 box-head output (the C4
        /// head): `resolution` = the box pooler output (14).
        case c4Deconv = "c4_deconv"
        /// `fcLayers` fully connected layers of `fcWidth` on the flattened RoI features, the
        /// last one to K x resolution^2 (Table 2e).
        case mlp
    }

    /// The per-pixel loss (Table 2b).
    public enum Loss: String, Codable, Sendable, CaseIterable {
        /// Binary cross-entropy on the GT class's channel only (the paper's).
        case sigmoid
        /// Cross-entropy of a per-pixel softmax over the K classes plus background.
        case softmax
    }

    /// The head architecture.
    public var kind: Kind
    /// 3x3 convolutions before the deconvolution (fcn head).
    public var convs: Int
    /// Channels of the convolutions and the deconvolution (fcn and c4 heads).
    public var convWidth: Int
    /// Fully connected layers, the predictor included (mlp head).
    public var fcLayers: Int
    /// Width of the hidden fully connected layers (mlp head).
    public var fcWidth: Int
    /// Side `m` of the predicted masks.
    public var resolution: Int
    /// The RoI operator feeding the mask head (fcn and mlp heads; the C4 head shares the box pooler).
    public var pooler: RoIOperatorConfig
    /// The per-pixel loss.
    public var loss: Loss
    /// One mask per class (true) or one class-agnostic mask.
    public var classSpecific: Bool

    /// Creates a mask head config; the defaults are `R10-FPN@256`'s: RoIAlign 14x14, 4 conv of 64,
    /// deconv, 28x28 sigmoid masks, class-specific.
    public init(
        kind: Kind = .fcn,
        convs: Int = 4,
        convWidth: Int = 64,
        fcLayers: Int = 2,
        fcWidth: Int = 1024,
        resolution: Int = 28,
        pooler: RoIOperatorConfig = RoIOperatorConfig(outputSize: 14),
        loss: Loss = .sigmoid,
        classSpecific: Bool = true
    ) {
        self.kind = kind
        self.convs = convs
        self.convWidth = convWidth
        self.fcLayers = fcLayers
        self.fcWidth = fcWidth
        self.resolution = resolution
        self.pooler = pooler
        self.loss = loss
        self.classSpecific = classSpecific
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case convs
        case convWidth = "conv_width"
        case fcLayers = "fc_layers"
        case fcWidth = "fc_width"
        case resolution
        case pooler
        case loss
        case classSpecific = "class_specific"
    }
}
