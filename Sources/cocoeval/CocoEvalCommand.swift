import ArgumentParser

@main
struct CocoEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cocoeval")
    func run() throws {}
}
