print("toolscope")
