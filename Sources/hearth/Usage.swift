/// The top-level help text.
enum Usage {
    static let version = "0.1.0"

    static let text = """
    usage: hearth <command> [options]

    commands:
      markdown [FILE] [--extensions] [--safe]   render Markdown (a file, or standard input) to HTML
      serve                                     build the site and serve it with the API (coming: see README)
      help                                      show this text
    """
}
