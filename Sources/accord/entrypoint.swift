import AccordWeb
import Foundation

/// The `accord` executable: everything lives in AccordWeb so tests build the same application.
@main
struct Entrypoint {
    static func main() async {
        exit(await AccordApp.main())
    }
}
