from newsgraph.cli_start import main

main()
