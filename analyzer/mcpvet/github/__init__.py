"""Helpers the GitHub Action (action.yml) runs: one PR comment kept up to date, and the package
specs a pull request to a list or registry repository adds. Plain HTTP and git; no analysis."""
