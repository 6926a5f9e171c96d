# model_cli_tests.cmake - duckling-cli eval-pseudo / train-model: exit statuses
# and JSON fields, on the real ISIC 2018 images (derm2018) and bad arguments.
set(_derm ${DUCK_SHARED_DIR}/data/derm2018)
duck_cli_test(eval-pseudo-no-args 2 "" eval-pseudo)
duck_cli_test(eval-pseudo-bad-k 2 "" eval-pseudo --labels ${_derm}/labels.csv --images ${_derm}/images --k zero)
duck_cli_test(eval-pseudo-missing-labels 1 "\"error\":\"cannot read labels file"
              eval-pseudo --labels ${CMAKE_BINARY_DIR}/no_such_labels.csv --images ${_derm}/images)
duck_cli_test(eval-pseudo-missing-images 1 "\"error\":\"images folder"
              eval-pseudo --labels ${_derm}/labels.csv --images ${CMAKE_BINARY_DIR}/no_such_dir)
duck_cli_test(eval-pseudo-json 0
              "^{\"feature_auc\":{.*\"colour_asymmetry\":0\\.[0-9]+.*\"grey_sd\":{.*\"images\":385,.*\"melanomas\":89,.*\"model\":{.*\"mean_rank\":{.*\"mrr\":{.*\"top1\":{.*\"nevi\":296,.*\"unusable\":0}"
              eval-pseudo --labels ${_derm}/labels.csv --images ${_derm}/images --patients 40 --seeds 11 --bootstrap 100 --json)
duck_cli_test(train-model-no-out 2 "" train-model --labels ${_derm}/labels.csv --images ${_derm}/images)
duck_cli_test(train-model 0 "\"images\":385,\"melanomas\":89,\"nevi\":296,"
              train-model --labels ${_derm}/labels.csv --images ${_derm}/images --out ${CMAKE_BINARY_DIR}/trained-model-test.json)
