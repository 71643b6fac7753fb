from mcpvet.cli import main

main()
