from partnerfit.cli import main

main()
