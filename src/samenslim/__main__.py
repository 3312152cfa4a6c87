from samenslim.cli import main

raise SystemExit(main())
