import Foundation

/// One articulated humanoid: its 17 keypoints (continuous pixel coordinates) and the limb
/// polygons whose union is its silhouette.
struct Figure {
    var keypoints: [Point]
    var polygons: [Polygon]

    /// Poses a figure of standing height `height` with its pelvis at `pelvis`, facing the camera
    /// (so the person's left is the image's right), with random lean, head tilt and joint angles.
    init(pelvis: Point, height: Double, random: inout SplitMixGenerator) {
        let unit = height / 8  // about one head height
        let lean = random.uniform(-0.3...0.3)
        let up = Point(x: sin(lean), y: -cos(lean))
        let right = Point(x: -up.y, y: up.x)
        func at(_ origin: Point, _ alongUp: Double, _ alongRight: Double) -> Point {
            Point(x: origin.x + alongUp * unit * up.x + alongRight * unit * right.x,
                  y: origin.y + alongUp * unit * up.y + alongRight * unit * right.y)
        }
        let neck = at(pelvis, 2.6, 0)
        let tilt = random.uniform(-0.25...0.25)
        let headUp = Point(x: up.x * cos(tilt) - up.y * sin(tilt), y: up.x * sin(tilt) + up.y * cos(tilt))
        let headRight = Point(x: -headUp.y, y: headUp.x)
        let head = Point(x: neck.x + 0.75 * unit * headUp.x, y: neck.y + 0.75 * unit * headUp.y)
        func onHead(_ alongUp: Double, _ alongRight: Double) -> Point {
            Point(x: head.x + unit * (alongUp * headUp.x + alongRight * headRight.x),
                  y: head.y + unit * (alongUp * headUp.y + alongRight * headRight.y))
        }
        let shoulders = (left: at(neck, -0.15, 0.85), right: at(neck, -0.15, -0.85))
        let hips = (left: at(pelvis, 0, 0.55), right: at(pelvis, 0, -0.55))

        // A limb hangs from `origin` at angle `theta` from straight down, positive = outward.
        func limb(from origin: Point, outward: Double, theta: Double, length: Double) -> Point {
            at(origin, -length * cos(theta), outward * length * sin(theta))
        }
        var joints: [String: Point] = [:]
        for (side, outward) in [("left", 1.0), ("right", -1.0)] {
            let shoulder = side == "left" ? shoulders.left : shoulders.right
            let hip = side == "left" ? hips.left : hips.right
            let upperArm = random.uniform(-0.4...2.8)
            let elbow = limb(from: shoulder, outward: outward, theta: upperArm, length: 1.5)
            let wrist = limb(from: elbow, outward: outward, theta: upperArm + random.uniform(-0.3...2.2), length: 1.3)
            let thigh = random.uniform(-0.3...0.9)
            let knee = limb(from: hip, outward: outward, theta: thigh, length: 2.0)
            let ankle = limb(from: knee, outward: outward, theta: thigh - random.uniform(0...1.4), length: 1.9)
            joints["\(side)_elbow"] = elbow
            joints["\(side)_wrist"] = wrist
            joints["\(side)_knee"] = knee
            joints["\(side)_ankle"] = ankle
        }
        joints["nose"] = onHead(-0.12, 0)
        joints["left_eye"] = onHead(0.1, 0.18)
        joints["right_eye"] = onHead(0.1, -0.18)
        joints["left_ear"] = onHead(0, 0.48)
        joints["right_ear"] = onHead(0, -0.48)
        joints["left_shoulder"] = shoulders.left
        joints["right_shoulder"] = shoulders.right
        joints["left_hip"] = hips.left
        joints["right_hip"] = hips.right
        keypoints = PersonKeypoints.names.map { joints[$0]! }

        let armRadius = 0.22 * unit
        let legRadius = 0.3 * unit
        var polygons = [
            Polygon(vertices: [at(shoulders.left, 0, 0.2), at(shoulders.right, 0, -0.2),
                               at(hips.right, 0, -0.15), at(hips.left, 0, 0.15)]),
            .capsule(from: neck, to: head, radius: armRadius),
            Polygon.regular(sides: 24).placed(at: head, scaleX: 0.5 * unit, scaleY: 0.6 * unit,
                                              angle: atan2(headUp.y, headUp.x) + Double.pi / 2),
        ]
        for side in ["left", "right"] {
            let shoulder = joints["\(side)_shoulder"]!, elbow = joints["\(side)_elbow"]!, wrist = joints["\(side)_wrist"]!
            let hip = joints["\(side)_hip"]!, knee = joints["\(side)_knee"]!, ankle = joints["\(side)_ankle"]!
            polygons.append(.capsule(from: shoulder, to: elbow, radius: armRadius))
            polygons.append(.capsule(from: elbow, to: wrist, radius: armRadius * 0.85))
            polygons.append(.capsule(from: hip, to: knee, radius: legRadius))
            polygons.append(.capsule(from: knee, to: ankle, radius: legRadius * 0.85))
        }
        self.polygons = polygons
    }
}
