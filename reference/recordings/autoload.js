'use strict';
(function(root) {
  function now() {
    return new Date();
  }

  const force = false;

  if (typeof root._bokeh_onload_callbacks === "undefined" || force === true) {
    root._bokeh_onload_callbacks = [];
    root._bokeh_is_loading = undefined;
  }


const element = document.getElementById("bk-root-elem");
    if (element == null) {
      console.warn("Bokeh: autoload.js configured with elementid 'bk-root-elem' but no matching script tag was found.")
    }
  function run_callbacks() {
    try {
      root._bokeh_onload_callbacks.forEach(function(callback) {
        if (callback != null)
          callback();
      });
    } finally {
      delete root._bokeh_onload_callbacks
    }
    console.debug("Bokeh: all callbacks have finished");
  }

  function load_libs(css_urls, js_urls, callback) {
    if (css_urls == null) css_urls = [];
    if (js_urls == null) js_urls = [];

    root._bokeh_onload_callbacks.push(callback);
    if (root._bokeh_is_loading > 0) {
      console.debug("Bokeh: BokehJS is being loaded, scheduling callback at", now());
      return null;
    }
    if (js_urls == null || js_urls.length === 0) {
      run_callbacks();
      return null;
    }
    console.debug("Bokeh: BokehJS not loaded, scheduling load and callback at", now());
    root._bokeh_is_loading = css_urls.length + js_urls.length;

    function on_load() {
      root._bokeh_is_loading--;
      if (root._bokeh_is_loading === 0) {
        console.debug("Bokeh: all BokehJS libraries/stylesheets loaded");
        run_callbacks()
      }
    }

    function on_error(url) {
      console.error("failed to load " + url);
    }

    for (let i = 0; i < css_urls.length; i++) {
      const url = css_urls[i];
      const element = document.createElement("link");
      element.onload = on_load;
      element.onerror = on_error.bind(null, url);
      element.rel = "stylesheet";
      element.type = "text/css";
      element.href = url;
      console.debug("Bokeh: injecting link tag for BokehJS stylesheet: ", url);
      document.body.appendChild(element);
    }

    for (let i = 0; i < js_urls.length; i++) {
      const url = js_urls[i];
      const element = document.createElement('script');
      element.onload = on_load;
      element.onerror = on_error.bind(null, url);
      element.async = false;
      element.src = url;
      console.debug("Bokeh: injecting script tag for BokehJS library: ", url);
      document.head.appendChild(element);
    }
  };

  function inject_raw_css(css) {
    const element = document.createElement("style");
    element.appendChild(document.createTextNode(css));
    document.body.appendChild(element);
  }

  const js_urls = ["http://127.0.0.1:58087/static/js/bokeh.min.js?v=6acf7fa15d17d1f4f73b696c45463ebcb45d3d5d8067e86826a48d7d9fd7c67183278ae3b40225167b8c8f4073fdd7ea100fcc28ed9a8653a3d295322ea9d1e8", "http://127.0.0.1:58087/static/js/bokeh-gl.min.js?v=491e3b65808ff55704d4383425fa1c479560e54143b176dc4d219aee688613c4ee4413f0e74e0f64344117e0bfc0b54040ae4d11a5cf239b912d00e7e2ddf92b", "http://127.0.0.1:58087/static/js/bokeh-widgets.min.js?v=7cce1f95cc36d3d6f72c346862eee80401d3cb2e6d277f1309fefbe4f4a68db7f52dd73bea0218521880ed3000162dac0e0d07a9abe2e6dd9caad2f07446018f", "http://127.0.0.1:58087/static/js/bokeh-tables.min.js?v=e4f64205532d8472bea184da120e7a1759c98a442601e122fd2b3fd7070f4d643f72ac75849ae290067e5260a9b74e5a801d424c05f944cd96250270902b45f6", "http://127.0.0.1:58087/static/js/bokeh-mathjax.min.js?v=4c1a98e8a6e8f734cc18a91772a7216dd1d1ea541a6ef5528560ae6e86218c90af76506074c5b5fa8174c3b381b60712c532e3bdc3cb22096f48ed35822c0038"];
  const css_urls = [];

  const inline_js = [    function(Bokeh) {
      Bokeh.set_log_level("info");
    },
    function(Bokeh) {
      (function() {
        const fn = function() {
          Bokeh.safely(function() {
            (function(root) {
              function embed_document(root) {
              const docs_json = '{}';
              const render_items = [{"token":"eyJzZXNzaW9uX2lkIjogIlJCVVRJQ2dPaUZTY2xNNklvMEN2WVdQTmlrSENubjEycUVRNFRFeDRKZklSIiwgInNlc3Npb25fZXhwaXJ5IjogMTc5NjI5MDI1MywgIl9fYmtfX3psaWJfIjogImVOcGRqc3RPd3pBUVJYLWw4ckxDa0ZSRmZleXNGc2dpRkFrQlVvVllPTTZrQ1hVOGtSLXRUSlZfeDA3WVVNMW01czY1ZC1aQ2F1QWxhRVBXa3d2SjBOalFrSFMydUUxQ3BldjdaYkpja0pzSmVUZWdLVHVBR29DS0c5dFVuaFo0aEpwcXFFQ0RFaEJCSmdSMEF6UzltMFpoZzBxQnNBMnFLQXFKQmtnZmRJRjRiR0E0SEVldUQ2NE44ZU1uWXpCM0ZpWHlrb0tFZGp6OUdYYmVEamF5YjQwVjdlcFVibEpaUEgxWTBuLUZvRDlyMTlHTzJfcktrczhlejRMOUF3dUQwbG1nVHNzcm1HZXZpZGppS2Y5NThEc19QLWZmekQyX1lmcXlaZk9kWDlVaWkwbDlfd3RLTFdmVSJ9","elementid":"bk-root-elem","use_for_title":false}];
              root.Bokeh.embed.embed_items(docs_json, render_items, "/app", "http://127.0.0.1:58087/app");
              }
              if (root.Bokeh !== undefined) {
                embed_document(root);
              } else {
                let attempts = 0;
                const timer = setInterval(function(root) {
                  if (root.Bokeh !== undefined) {
                    clearInterval(timer);
                    embed_document(root);
                  } else {
                    attempts++;
                    if (attempts > 100) {
                      clearInterval(timer);
                      console.log("Bokeh: ERROR: Unable to run BokehJS code because BokehJS library is missing");
                    }
                  }
                }, 10, root)
              }
            })(window);
          });
        };
        if (document.readyState != "loading") fn();
        else document.addEventListener("DOMContentLoaded", fn);
      })();
    },
function(Bokeh) {
    }
  ];

  function run_inline_js() {
    for (let i = 0; i < inline_js.length; i++) {
      inline_js[i].call(root, root.Bokeh);
    }
  }

  if (root._bokeh_is_loading === 0) {
    console.debug("Bokeh: BokehJS loaded, going straight to plotting");
    run_inline_js();
  } else {
    load_libs(css_urls, js_urls, function() {
      console.debug("Bokeh: BokehJS plotting callback run at", now());
      run_inline_js();
    });
  }
}(window));