module github.com/metajit/metajit

go 1.26
