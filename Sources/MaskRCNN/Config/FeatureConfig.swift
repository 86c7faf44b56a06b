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

    /// Creates a feature config; the defaults are `R10-FPN@256`'s 64-channel FPN.
    public init(kind: Kind = .fpn, fpnChannels: Int = 64) {
        self.kind = kind
        self.fpnChannels = fpnChannels
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
    }
}
