from footfix.cli.app import main

main()
