/// The top-level help text.
enum Usage {
    static let version = "0.1.0"

    static let text = """
    usage: hearth <command> [options]

    commands:
      markdown [FILE] [--extensions] [--safe]   render Markdown (a file, or standard input) to HTML
      build [--content DIR] [--theme DIR] [--out DIR]
                                                compile the content folder into a static site
      check [--content DIR] [--reading-age N]   report every problem in the content, with advice
      serve [--content DIR] [--theme DIR] [--site DIR] [--db FILE] [--host H] [--port N]
            [--metrics-listen HOST:PORT | --no-metrics] [--research-threshold N]
                                                build the site if stale, serve it and the API
      tokens create|list|revoke …               researchers' access tokens (hearth tokens --help)
      export FILE [--db FILE] [--area CODE] [--out FILE]
                                                a row-level export or the codebook (hearth export --help)
      report [--db FILE] [--out FILE] [--area CODE] [--from YYYY-MM] [--to YYYY-MM]
                                                the research dashboard as one HTML file
      certificates revoke CODE [--db FILE]      withdraw a certificate issued by mistake
      help                                      show this text
    """
}
