/// Which backbone features the RPN and the RoI heads see.
public struct FeatureConfig: Codable, Equatable, Sendable {
    /// The feature layout.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// res4 output, one level at stride 16; res5 becomes the RoI box head (paper's C4).
        case c4
        /// res5 output, one level at stride 32, with the FPN-style heads (Table 2d).
        case c5
        /// P2..P6 at strides 4..64 from a feature pyramid over res2..res5; P6 (a stride-2
        /// max-pool of P5) feeds the RPN only.
        case fpn
    }

    /// The feature layout.
    public var kind: Kind
    /// Channels of every pyramid level (FPN only).
    public var fpnChannels: Int
    /// FPN only: the level `k0` an RoI of side `canonicalBoxSize` is pooled from; an RoI of
    /// side `s` uses `floor(k0 + log2(s / s0))` clamped to P2..P5 (FPN paper eq. 1).
    public var canonicalLevel: Int
    /// FPN only: `s0` of the level rule, input pixels (224 for ImageNet-sized RoIs at ~800-px
    /// inputs; scaled-down inputs may lower it so small RoIs still reach the coarser levels).
    public var canonicalBoxSize: Double

    /// Creates a feature config; the defaults are `R10-FPN@256`'s 64-channel FPN with the
    /// paper's (and torchvision's) level rule, k0 = 4, s0 = 224.
    public init(kind: Kind = .fpn, fpnChannels: Int = 64, canonicalLevel: Int = 4, canonicalBoxSize: Double = 224) {
        self.kind = kind
        self.fpnChannels = fpnChannels
        self.canonicalLevel = canonicalLevel
        self.canonicalBoxSize = canonicalBoxSize
    }

    /// The stride in input pixels of each level the RPN sees, finest first.
    public var strides: [Int] {
        switch kind {
        case .c4: [16]
        case .c5: [32]
        case .fpn: [4, 8, 16, 32, 64]
        }
    }

    /// The stride of the deepest backbone stage the feature path runs, which the input size
    /// must be a multiple of so that FPN's 2x top-down upsampling meets its lateral exactly.
    /// (P6 is a max-pool of P5 and needs no divisibility of its own.)
    public var sizeDivisibility: Int {
        switch kind {
        case .c4: 16
        case .c5, .fpn: 32
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind
        case fpnChannels = "fpn_channels"
        case canonicalLevel = "canonical_level"
        case canonicalBoxSize = "canonical_box_size"
    }
}
